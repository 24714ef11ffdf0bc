import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { callIdField } from '../common/pickers';

export const description: INodeProperties[] = [
	callIdField(
		showFor('call', 'hangUp'),
		'The live call’s call_id, as Click to Call returns it (with Return Call ID on) or Get Live Calls lists it. A ref_id is not accepted.',
	),
];

/** `POST /v1/call/hangup`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = this.getNodeParameter('callId', itemIndex) as string;
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.hangUp, { call_id: callId }, itemIndex)) as IDataObject;
}
