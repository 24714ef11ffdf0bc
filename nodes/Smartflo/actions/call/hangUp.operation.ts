import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { smartfloApiRequest } from '../../transport';
import { showFor } from '../common/operation';

export const needsCredential = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1715235734.129662',
		description:
			'The live call’s call_id, as Click to Call returns it (with Return Call ID on) or Get Live Calls lists it. A ref_id is not accepted.',
		displayOptions: showFor('call', 'hangUp'),
	},
];

/** `POST /v1/call/hangup`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = String(this.getNodeParameter('callId', itemIndex)).trim();
	return (await smartfloApiRequest.call(
		this,
		{ method: 'POST', path: '/v1/call/hangup', body: { call_id: callId } },
		itemIndex,
	)) as IDataObject;
}
