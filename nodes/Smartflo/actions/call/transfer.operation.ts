import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CALL_OPTION_TYPES, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { agentPicker, callIdField, pickedValue } from '../common/pickers';

const show = (extra = {}) => showFor('call', 'transfer', extra);

export const description: INodeProperties[] = [
	callIdField(show(), 'The live call’s call_id (from Click to Call with Return Call ID on, or Get Live Calls)'),
	{
		displayName: 'Transfer To',
		name: 'transferTo',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Agent', value: 'agent', description: 'An agent of the account, chosen from the list' },
			{ name: 'Intercom', value: 'intercom', description: 'An intercom: an agent’s, an extension, a mobile number or a department’s' },
		],
		default: 'agent',
		displayOptions: show(),
	},
	...agentPicker(show({ transferTo: ['agent'] }), 'The agent who takes the call', 'transferAgentId'),
	{
		displayName: 'Intercom',
		name: 'intercom',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1001',
		description: 'The intercom number the call moves to',
		displayOptions: show({ transferTo: ['intercom'] }),
	},
];

/** `POST /v1/call/options` with type 4 and `agent_id` or `intercom`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const byAgent = this.getNodeParameter('transferTo', itemIndex) === 'agent';
	const target = String(
		(byAgent ? pickedValue.call(this, 'transferAgentId', itemIndex) : this.getNodeParameter('intercom', itemIndex)) ?? '',
	).trim();
	if (target === '') {
		// The catalogue leaves both optional (monitoring uses agent_id only); a transfer needs one of them.
		throw new NodeOperationError(this.getNode(), byAgent ? 'Agent is required for a transfer' : 'Intercom is required for a transfer', {
			itemIndex,
			description: 'Choose who takes the call.',
		});
	}
	const values = {
		type: CALL_OPTION_TYPES.transfer,
		call_id: this.getNodeParameter('callId', itemIndex) as string,
		[byAgent ? 'agent_id' : 'intercom']: target,
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.callOptions, values, itemIndex)) as IDataObject;
}
