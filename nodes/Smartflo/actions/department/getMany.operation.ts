import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getList, returnAllAndLimit, type ListEndpoint } from '../common/list';

const endpoint: ListEndpoint = { path: '/v1/departments', pagination: 'none' };

export const needsCredential = true;

export const description: INodeProperties[] = [...returnAllAndLimit('department', 'getMany')];

/** `GET /v1/departments`: one item per department, with its `agents`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, endpoint, itemIndex);
}
