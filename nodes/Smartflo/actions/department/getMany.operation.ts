import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';

const endpoint = SMARTFLO_ENDPOINTS.department.getMany;

export const description: INodeProperties[] = [...returnAllAndLimit('department', 'getMany')];

/** `GET /v1/departments`: one item per department, with its `agents`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, endpoint, itemIndex);
}
