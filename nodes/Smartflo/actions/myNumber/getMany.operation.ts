import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getList, returnAllAndLimit, type ListEndpoint } from '../common/list';

const endpoint: ListEndpoint = { path: '/v1/my_number', pagination: 'none' };

export const needsCredential = true;

export const description: INodeProperties[] = [...returnAllAndLimit('myNumber', 'getMany')];

/** `GET /v1/my_number`: one item per DID (`id`, `did`, `alias`, `name`, `destination`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, endpoint, itemIndex);
}
