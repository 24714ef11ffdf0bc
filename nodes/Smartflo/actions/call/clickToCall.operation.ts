import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { picker, pickedValue, withPickedValues } from '../common/pickers';
import { SHARED_CALL_OPTIONS, callModeFields, callTimeoutOption, customIdentifierOption, returnCallIdField } from './placeCall';

const show = showFor('call', 'clickToCall');

export const description: INodeProperties[] = [
	...picker(
		'agent',
		{
			displayName: 'Agent Name or ID',
			name: 'agentNumber',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAgents' },
			default: '',
			required: true,
			description:
				'The agent Smartflo rings first: an agent ID, or in an expression also an intercom, extension or phone number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: show,
		},
		'The agent Smartflo rings first; by ID, an expression may also give an intercom, extension or phone number',
	),
	{
		displayName: 'Destination Number',
		name: 'destinationNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+919876543210',
		description: 'The customer number, called once the agent answers (10–15 digits; +91 or a leading 0 are accepted)',
		displayOptions: show,
	},
	returnCallIdField(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			callTimeoutOption,
			...picker(
				'callerId',
				{
					displayName: 'Caller ID Name or ID',
					name: 'callerId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCallerIds' },
					default: '',
					description:
						'The number shown to the customer: one of the caller IDs assigned to the agent; the account’s pilot number when empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				'The number shown to the customer: one of the caller IDs assigned to the agent; the account’s pilot number when empty',
				'Caller ID',
			),
			customIdentifierOption,
		],
	},
];

/** `POST /v1/click_to_call`: rings the agent, then bridges the customer. Outputs `success`, `message`, ref_id, call_id. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		...apiFields(
			{
				agentNumber: pickedValue.call(this, 'agentNumber', itemIndex),
				destinationNumber: this.getNodeParameter('destinationNumber', itemIndex),
			} as IDataObject,
			{ agentNumber: 'agent_number', destinationNumber: 'destination_number' },
		),
		...apiFields(
			withPickedValues.call(this, 'options', this.getNodeParameter('options', itemIndex, {}) as IDataObject, ['callerId'], itemIndex),
			SHARED_CALL_OPTIONS,
		),
		...callModeFields.call(this, itemIndex),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.clickToCall, body, itemIndex)) as IDataObject;
}
