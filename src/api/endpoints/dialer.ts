import { body, query } from './params';
import type { EndpointDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';

export const scheduleCallback: EndpointDefinition = {
	summary: 'Schedule a callback to a customer for an agent',
	method: 'POST',
	effect: 'call',
	path: '/v1/dialer/schedule_call/',
	auth: 'bearer',
	params: [
		body('customer_name', 'Customer Name', 'text', 'Who is called back'),
		body('customer_number', 'Customer Number', 'text', 'The number called back', { required: true }),
		body('schedule_date_time', 'Scheduled For', 'dateTime', 'When the callback is due', { required: true }),
		body('assigned_to', 'Agent', 'text', 'The ID of the agent who makes the call', { required: true }),
		body('reminder_schedule_callbacks', 'Reminder', 'boolean', 'Whether the agent is reminded before the callback'),
		body('reminder_time', 'Reminder (Minutes Before)', 'integer', 'Minutes before the callback the reminder comes', { min: 1 }),
		body('call_end_min', 'Expires After (Minutes)', 'integer', 'Minutes after which an unanswered callback ends', { min: 1 }),
		body('inbound_queue', 'Inbound Queue', 'integer', 'The queue the callback belongs to (dialer campaigns with inbound callbacks)', {
			min: 1,
		}),
	],
	response: { kind: 'result' },
	refusalFlag: 'ok',
	docs: `${DOCS}/schedule-a-callback`,
};

export const callbacks: EndpointDefinition = {
	summary: 'List scheduled callbacks in a date range (status 0 pending, 1 in progress, 2 completed)',
	method: 'GET',
	effect: 'read',
	path: '/v1/dialer/schedule_call',
	auth: 'bearer',
	params: [
		query('from_date', 'From', 'dateTime', 'Callbacks due at or after this time', { required: true }),
		query('to_date', 'To', 'dateTime', 'Callbacks due at or before this time', { required: true }),
	],
	response: { kind: 'list', at: 'data', pagination: { style: 'none' } },
	refusalFlag: 'ok',
	docs: `${DOCS}/retrieve-all-scheduled-callbacks`,
};
