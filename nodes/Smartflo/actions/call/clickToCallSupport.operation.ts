import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { SHARED_CALL_OPTIONS, callModeFields, callTimeoutOption, customIdentifierOption, returnCallIdField } from './placeCall';

const show = showFor('call', 'clickToCallSupport');

export const description: INodeProperties[] = [
	{
		displayName: 'Customer Number',
		name: 'customerNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+919876543210',
		description: 'The number Smartflo rings first (10–15 digits; +91 or a leading 0 are accepted)',
		displayOptions: show,
	},
	{
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The Click to Call Support key generated in Smartflo under API Connect. It decides where the call goes once the customer answers. It is sent in the request body, never as a token.',
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
			{
				displayName: 'Caller ID',
				name: 'callerId',
				type: 'string',
				default: '',
				placeholder: '918069123456',
				description:
					'The number shown to the customer. Leave empty unless needed: it must be the DID the API key is bound to, or Smartflo refuses the call.',
			},
			customIdentifierOption,
			{
				displayName: 'Customer Ring Timeout (Seconds)',
				name: 'customerRingTimeout',
				type: 'number',
				typeOptions: { minValue: 10, maxValue: 30 },
				default: 30,
				description: 'How long the customer’s phone rings (10–30 seconds)',
			},
		],
	},
];

/**
 * `POST /v1/click_to_call_support`: rings the customer, then connects the destination the API key is
 * bound to. Authenticated by the key in the body, so no bearer token is sent; the credential only
 * provides the Base URL. Outputs `success`, `message`, ref_id, call_id.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		...apiFields(
			{
				customerNumber: this.getNodeParameter('customerNumber', itemIndex),
				apiKey: this.getNodeParameter('apiKey', itemIndex),
			} as IDataObject,
			{ customerNumber: 'customer_number', apiKey: 'api_key' },
		),
		...apiFields(this.getNodeParameter('options', itemIndex, {}) as IDataObject, {
			...SHARED_CALL_OPTIONS,
			customerRingTimeout: 'customer_ring_timeout',
		}),
		...callModeFields.call(this, itemIndex),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.clickToCallSupport, body, itemIndex)) as IDataObject;
}
