import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';

export const description: INodeProperties[] = [...returnAllAndLimit('ivr', 'getMany')];

/** `GET /v1/ivrs` (`{ ivrs: [...] }`): one item per IVR, with its `ivr_menu`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, SMARTFLO_ENDPOINTS.routing.ivrs, itemIndex);
}
