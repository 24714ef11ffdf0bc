import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { callIdField } from '../common/pickers';

const show = showFor('call', 'disconnect');

export const description: INodeProperties[] = [
	callIdField(show, 'The live dialer call’s call_id'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Break Code',
				name: 'breakCode',
				type: 'string',
				default: '',
				description: 'The break the agent goes on; required with Start Break',
			},
			{
				displayName: 'Start Break',
				name: 'startBreak',
				type: 'boolean',
				default: false,
				description: 'Whether the agent goes on a break once the call ends',
			},
		],
	},
];

/** `POST /v1/dialer/disconnect_call`, as the agent panel of a dialer campaign does. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const values = {
		call_id: this.getNodeParameter('callId', itemIndex) as string,
		...apiFields(options, { startBreak: 'start_break', breakCode: 'break_code' }),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.dialerDisconnect, values, itemIndex)) as IDataObject;
}
