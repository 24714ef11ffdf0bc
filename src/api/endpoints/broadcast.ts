import { body, param, pathId, query } from './params';
import type { EndpointDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';
const broadcastId = pathId('Broadcast ID', 'The ID of the broadcast');

/** The least Smartflo lets a broadcast ring each number, in seconds. */
export const MIN_BROADCAST_TIMEOUT_SECONDS = 40;
export const MAX_BROADCAST_RETRIES = 5;

export const getMany: EndpointDefinition = {
	summary: 'List broadcasts (voice campaigns)',
	method: 'GET',
	effect: 'read',
	path: '/v2/broadcasts',
	auth: 'bearer',
	params: [query('broadcast_id', 'Broadcast ID', 'text', 'Only this broadcast')],
	response: { kind: 'list', at: 'data', pagination: { style: 'page', pageSize: 100 } },
	docs: `${DOCS}/v2broadcasts`,
};

export const get: EndpointDefinition = {
	summary: 'Get a broadcast: its lead list, destination, schedule and status (0 inactive, 1 active, 2 paused)',
	method: 'GET',
	effect: 'read',
	path: '/v1/broadcast/{id}',
	auth: 'bearer',
	params: [broadcastId],
	response: { kind: 'record' },
	docs: `${DOCS}/v1broadcastid`,
};

const startDateTime = (where: 'query' | 'body') =>
	param(where)('start_date_time', 'Start', 'dateTime', 'When the broadcast starts calling its leads');
const endDateTime = (where: 'query' | 'body') =>
	param(where)('end_date_time', 'End', 'dateTime', 'When the broadcast stops calling its leads');

export const create: EndpointDefinition = {
	summary: 'Create a broadcast that calls the leads of a lead list',
	method: 'POST',
	effect: 'write',
	path: '/v1/broadcast',
	auth: 'bearer',
	params: [
		body('name', 'Name', 'text', 'The broadcast’s name', { required: true }),
		body('description', 'Description', 'text', 'A description'),
		body('phone_number_list', 'Lead List', 'text', 'The ID of the lead list whose leads are called', { required: true }),
		body('destination', 'Destination', 'text', 'Where answered calls go, as type||id, e.g. ivr||301', { required: true }),
		body('timeout', 'Timeout', 'integer', 'Seconds each number rings', { min: MIN_BROADCAST_TIMEOUT_SECONDS }),
		body('concurrent_limit', 'Concurrency', 'integer', 'Channels (calls at once) the broadcast uses', { min: 1 }),
		body('caller_id_number', 'Caller ID', 'text', 'The DID shown to the called leads'),
		body('number_of_retry', 'Retries', 'integer', 'Further attempts for a number that failed', { min: 0, max: MAX_BROADCAST_RETRIES }),
		body('retry_after_minutes', 'Retry After (Minutes)', 'integer', 'Minutes before a failed number is tried again', { min: 1 }),
		body('dialstatus', 'Dial Statuses', 'integerList', 'Smartflo’s lead status codes to call (1–5)', { min: 1, max: 5 }),
		body('retry_dialstatus', 'Retry Statuses', 'integerList', 'Smartflo’s call status codes to retry (1–5)', { min: 1, max: 5 }),
		startDateTime('body'),
		endDateTime('body'),
		body('time_group', 'Time Group', 'text', 'The ID of the time group the broadcast calls in'),
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcast`,
};

export const start: EndpointDefinition = {
	summary: 'Start a broadcast, optionally for a window',
	method: 'GET',
	effect: 'call',
	path: '/v1/broadcast/start/{id}',
	auth: 'bearer',
	params: [broadcastId, startDateTime('query'), endDateTime('query')],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcaststartid`,
};

export const stop: EndpointDefinition = {
	summary: 'End a running or paused broadcast',
	method: 'GET',
	effect: 'call',
	path: '/v1/broadcast/end/{id}',
	auth: 'bearer',
	params: [broadcastId],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcastendid`,
};
