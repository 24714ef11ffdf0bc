import { body, query } from './params';
import type { EndpointDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';

const callTimeout = body(
	'call_timeout',
	'Call Timeout',
	'integer',
	'Ends the call when it has lasted this many seconds (the whole call, not the ringing)',
	{ min: 1 },
);
const customIdentifier = body('custom_identifier', 'Custom Identifier', 'text', 'Any text; Smartflo echoes it in webhooks');
// Smartflo discontinued synchronous calls (October 2024): always 1.
const asyncFlag = body('async', 'Async', 'flag', 'Always 1: Smartflo answers at once and the call goes on', { required: true });
const getCallId = body('get_call_id', 'Return Call ID', 'flag', 'Whether the answer includes the live call_id');

export const clickToCall: EndpointDefinition = {
	summary: 'Ring an agent, then connect them to a customer',
	method: 'POST',
	effect: 'call',
	path: '/v1/click_to_call',
	auth: 'bearer',
	params: [
		body('agent_number', 'Agent', 'text', 'Agent ID, intercom, extension or phone number of the agent rung first', { required: true }),
		body('destination_number', 'Destination Number', 'phoneNumber', 'The customer number (10–15 digits)', { required: true }),
		body('caller_id', 'Caller ID', 'text', 'The DID shown to the customer; the pilot number when absent'),
		asyncFlag,
		callTimeout,
		customIdentifier,
		getCallId,
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1click_to_call`,
};

export const clickToCallSupport: EndpointDefinition = {
	summary: 'Ring a customer, then connect them to the destination an API key is bound to',
	method: 'POST',
	effect: 'call',
	path: '/v1/click_to_call_support',
	auth: 'apiKey',
	params: [
		body('customer_number', 'Customer Number', 'phoneNumber', 'The number rung first (10–15 digits)', { required: true }),
		body('api_key', 'API Key', 'text', 'The Click to Call Support key from API Connect; it decides the destination', {
			required: true,
			secret: true,
		}),
		asyncFlag,
		body('caller_id', 'Caller ID', 'text', 'The DID the key is bound to; best left out'),
		body('customer_ring_timeout', 'Customer Ring Timeout', 'integer', 'Seconds the customer’s phone rings', { min: 10, max: 30 }),
		callTimeout,
		customIdentifier,
		getCallId,
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1click_to_call_support`,
};

export const hangUp: EndpointDefinition = {
	summary: 'End a live call',
	method: 'POST',
	effect: 'call',
	path: '/v1/call/hangup',
	auth: 'bearer',
	params: [body('call_id', 'Call ID', 'text', 'The live call’s call_id (a ref_id is not accepted)', { required: true })],
	response: { kind: 'result' },
	docs: `${DOCS}/v1callhangup`,
};

export const liveCalls: EndpointDefinition = {
	summary: 'List the calls in progress',
	method: 'GET',
	effect: 'read',
	path: '/v1/live_calls',
	auth: 'bearer',
	params: [
		query('agent_number', 'Agent', 'text', 'Only calls of this agent'),
		query('extension', 'Extension', 'text', 'Only calls of the agent with this extension or intercom'),
		query('did_number', 'DID Number', 'text', 'Only calls on this number'),
		query('call_id', 'Call ID', 'text', 'Only the call with this call_id'),
	],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: `${DOCS}/v1live_calls`,
};

/** `type` of `POST /v1/call/options`. */
export const CALL_OPTION_TYPES = { monitor: 1, whisper: 2, barge: 3, transfer: 4 } as const;

export const callOptions: EndpointDefinition = {
	summary: 'Monitor, whisper into, barge into or transfer a live call',
	method: 'POST',
	effect: 'call',
	path: '/v1/call/options',
	auth: 'bearer',
	params: [
		body('type', 'Operation Type', 'integer', '1 monitor, 2 whisper, 3 barge, 4 transfer', { required: true, min: 1, max: 4 }),
		body('call_id', 'Call ID', 'text', 'The live call’s call_id', { required: true }),
		body('agent_id', 'Agent', 'text', 'The agent who monitors, whispers or barges (agent.id of the users API), or takes the transfer'),
		body('intercom', 'Intercom', 'text', 'Transfer only: the intercom, extension or mobile number of the agent, or a department intercom'),
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1calloptions`,
};

export const dialerDisconnect: EndpointDefinition = {
	summary: 'Disconnect a dialer call',
	method: 'POST',
	effect: 'call',
	path: '/v1/dialer/disconnect_call',
	auth: 'bearer',
	params: [
		body('call_id', 'Call ID', 'text', 'The live call’s call_id', { required: true }),
		body('start_break', 'Start Break', 'boolean', 'Whether the agent goes on a break once the call ends'),
		body('break_code', 'Break Code', 'text', 'The break code; required when Start Break is on'),
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1dialerdisconnect_call`,
};
