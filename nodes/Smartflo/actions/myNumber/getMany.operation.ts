import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';

const endpoint = SMARTFLO_ENDPOINTS.myNumber.getMany;

export const description: INodeProperties[] = [...returnAllAndLimit('myNumber', 'getMany')];

/** `GET /v1/my_number`: one item per DID (`id`, `did`, `alias`, `name`, `destination`). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, endpoint, itemIndex);
}
