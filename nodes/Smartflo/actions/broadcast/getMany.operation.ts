import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';

export const description: INodeProperties[] = [...returnAllAndLimit('broadcast', 'getMany')];

/** `GET /v2/broadcasts`, page by page: one item per broadcast (`status` 0 inactive, 1 active, 2 paused). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, SMARTFLO_ENDPOINTS.broadcast.getMany, itemIndex);
}
