import { query } from './params';
import type { EndpointDefinition } from './types';

export const CALL_RECORD_OPERATORS = ['=', '>', '<', '>=', '<=', '!='] as const;

export const getMany: EndpointDefinition = {
	summary: 'List call detail records, newest first',
	method: 'GET',
	effect: 'read',
	path: '/v1/call/records',
	auth: 'bearer',
	params: [
		query('from_date', 'From', 'dateTime', 'Only calls that started at or after this time'),
		query('to_date', 'To', 'dateTime', 'Only calls that started at or before this time'),
		query('agents', 'Agents', 'textList', 'Only calls of these agents, as agent|<agent id>'),
		query('department', 'Departments', 'textList', 'Only calls through these department IDs'),
		query('ivr', 'IVRs', 'textList', 'Only calls through these IVR IDs'),
		query('call_type', 'Call Type', 'text', 'c answered, m missed', { choices: ['c', 'm'] }),
		query('direction', 'Direction', 'text', 'inbound or outbound', { choices: ['inbound', 'outbound'] }),
		query('callerid', 'Customer Number', 'text', 'Only calls with this customer (client) number'),
		query('destination', 'Destination', 'text', 'Only calls to this number (ignored by some accounts)'),
		query('did_number', 'DID Number', 'text', 'Only calls on this number'),
		query('duration', 'Duration', 'integer', 'Seconds (ringing included) that operator compares with', { min: 0 }),
		query('operator', 'Duration Operator', 'text', 'How duration compares', { choices: CALL_RECORD_OPERATORS }),
		query('services', 'Services', 'text', 'Comma-separated service names, as Smartflo names them'),
		query('broadcast', 'Broadcast', 'text', 'Only calls of this broadcast, by name in lower case'),
		query('call_id', 'Call ID', 'text', 'Only the record of this call'),
	],
	response: { kind: 'list', at: 'results', pagination: { style: 'page', pageSize: 100 } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1callrecords',
};
