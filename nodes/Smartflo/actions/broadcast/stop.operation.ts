import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { broadcastPicker, pickedValue } from '../common/pickers';

export const description: INodeProperties[] = [...broadcastPicker(showFor('broadcast', 'stop'), 'The running or paused broadcast to end')];

/** `GET /v1/broadcast/end/{id}`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedValue.call(this, 'broadcastId', itemIndex);
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.broadcast.stop, { id }, itemIndex)) as IDataObject;
}
