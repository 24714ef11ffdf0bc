import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { agentPicker, pickedValue } from '../common/pickers';
import { timeZoneOf, timeZoneOption } from '../common/timeZone';

const show = showFor('dialer', 'scheduleCallback');

/** Additional fields: parameter name → Smartflo's field. */
const ADDITIONAL_FIELDS: Record<string, string> = {
	customerName: 'customer_name',
	reminder: 'reminder_schedule_callbacks',
	reminderMinutes: 'reminder_time',
	expiresAfterMinutes: 'call_end_min',
	inboundQueue: 'inbound_queue',
};

export const description: INodeProperties[] = [
	...agentPicker(show, 'The agent who makes the callback'),
	{
		displayName: 'Customer Number',
		name: 'customerNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+919876543210',
		description: 'The number to call back',
		displayOptions: show,
	},
	{
		displayName: 'Scheduled For',
		name: 'scheduledFor',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the callback is due (in the time zone under Options); it must be in the future',
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
			{ displayName: 'Customer Name', name: 'customerName', type: 'string', default: '' },
			{
				displayName: 'Expires After (Minutes)',
				name: 'expiresAfterMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: 'How long after it is due an unanswered callback stays open',
			},
			{
				displayName: 'Inbound Queue ID',
				name: 'inboundQueue',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'The dialer queue the callback belongs to (campaigns with inbound callbacks only)',
			},
			{
				displayName: 'Reminder',
				name: 'reminder',
				type: 'boolean',
				default: true,
				description: 'Whether the agent is reminded before the callback',
			},
			{ displayName: 'Reminder (Minutes Before)', name: 'reminderMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 10 },
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

/** `POST /v1/dialer/schedule_call/` (answers `{ ok, message, data }`; `ok: false` is a refusal). Outputs the answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values: IDataObject = {
		assigned_to: pickedValue.call(this, 'agentId', itemIndex),
		customer_number: this.getNodeParameter('customerNumber', itemIndex) as string,
		schedule_date_time: this.getNodeParameter('scheduledFor', itemIndex) as string,
		...apiFields(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, ADDITIONAL_FIELDS),
	};
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.dialer.scheduleCallback,
		values,
		itemIndex,
		timeZoneOf.call(this, itemIndex),
	)) as IDataObject;
}
