import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_BROADCAST_RETRIES, MIN_BROADCAST_TIMEOUT_SECONDS, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { destinationOf, destinationProperties } from '../common/destination';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { leadListPicker, picker, pickedValue, withPickedValues } from '../common/pickers';
import { timeZoneOf, timeZoneOption } from '../common/timeZone';

const show = showFor('broadcast', 'create');

const STATUS_CODES = [1, 2, 3, 4, 5].map((code) => ({ name: `Status ${code}`, value: code }));

/** Additional fields: parameter name → Smartflo's field. */
const ADDITIONAL_FIELDS: Record<string, string> = {
	description: 'description',
	callerId: 'caller_id_number',
	retryAfterMinutes: 'retry_after_minutes',
	dialStatuses: 'dialstatus',
	retryStatuses: 'retry_dialstatus',
	start: 'start_date_time',
	end: 'end_date_time',
	timeGroup: 'time_group',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Renewal reminder',
		description: 'The broadcast’s name, unique in the account',
		displayOptions: show,
	},
	...leadListPicker(show, 'The lead list whose leads the broadcast calls'),
	...destinationProperties('broadcast', 'create', { types: ['ivr', 'department', 'agent', 'auto_attend'] }),
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: MIN_BROADCAST_TIMEOUT_SECONDS },
		default: MIN_BROADCAST_TIMEOUT_SECONDS,
		description: `How long each number rings (at least ${MIN_BROADCAST_TIMEOUT_SECONDS} seconds)`,
		displayOptions: show,
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'How many calls the broadcast makes at once (channels)',
		displayOptions: show,
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_BROADCAST_RETRIES },
		default: 0,
		description: `How many more times a number that failed is called (0–${MAX_BROADCAST_RETRIES})`,
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			...picker(
				'callerId',
				{
					displayName: 'Caller ID Name or ID',
					name: 'callerId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCallerIds' },
					default: '',
					description:
						'The number the called leads see. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				'The number the called leads see',
				'Caller ID',
			),
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Dial Statuses',
				name: 'dialStatuses',
				type: 'multiOptions',
				options: STATUS_CODES,
				default: [],
				description: 'Which leads are called, by Smartflo’s lead status codes (all when empty)',
			},
			{
				displayName: 'End',
				name: 'end',
				type: 'dateTime',
				default: '',
				description: 'When the broadcast stops calling (in the time zone under Options)',
			},
			{
				displayName: 'Retry After (Minutes)',
				name: 'retryAfterMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long to wait before calling a failed number again',
			},
			{
				displayName: 'Retry Statuses',
				name: 'retryStatuses',
				type: 'multiOptions',
				options: STATUS_CODES,
				default: [],
				description: 'Which call outcomes are retried, by Smartflo’s call status codes',
			},
			{
				displayName: 'Start',
				name: 'start',
				type: 'dateTime',
				default: '',
				description: 'When the broadcast starts calling (in the time zone under Options)',
			},
			{
				displayName: 'Time Group Name or ID',
				name: 'timeGroup',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTimeGroups' },
				default: '',
				description:
					'The hours in which the broadcast calls. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [timeZoneOption],
	},
];

/** `POST /v1/broadcast`. Outputs `success`, `message` and `broadcast_id`, which Start and Add Lead take. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		phone_number_list: pickedValue.call(this, 'leadListId', itemIndex),
		destination: destinationOf.call(this, itemIndex),
		timeout: this.getNodeParameter('timeout', itemIndex) as number,
		concurrent_limit: this.getNodeParameter('concurrency', itemIndex) as number,
		number_of_retry: this.getNodeParameter('retries', itemIndex) as number,
		...apiFields(
			withPickedValues.call(
				this,
				'additionalFields',
				this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
				['callerId'],
				itemIndex,
			),
			ADDITIONAL_FIELDS,
		),
	};
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.broadcast.create,
		values,
		itemIndex,
		timeZoneOf.call(this, itemIndex),
	)) as IDataObject;
}
