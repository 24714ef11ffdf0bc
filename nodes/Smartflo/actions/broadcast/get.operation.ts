import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordOf, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { broadcastPicker, pickedValue } from '../common/pickers';

export const description: INodeProperties[] = [...broadcastPicker(showFor('broadcast', 'get'))];

/** `GET /v1/broadcast/{id}`: the broadcast itself, with `phone_number_list` (its lead list) and `status`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedValue.call(this, 'broadcastId', itemIndex);
	return recordOf(await callEndpoint.call(this, SMARTFLO_ENDPOINTS.broadcast.get, { id }, itemIndex)) as IDataObject;
}
