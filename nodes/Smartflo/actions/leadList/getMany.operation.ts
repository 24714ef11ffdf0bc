import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';

export const description: INodeProperties[] = [...returnAllAndLimit('leadList', 'getMany')];

/** `GET /v1/broadcast/lists` (a bare array): one item per lead list, with its `fields` names. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, SMARTFLO_ENDPOINTS.lead.lists, itemIndex);
}
