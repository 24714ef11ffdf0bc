import { body, pathId, query } from './params';
import type { EndpointDefinition, ParamDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';

/**
 * A lead's fields as Smartflo numbers them (`field_0` is the phone number), with the names Smartflo's
 * documentation gives them; a lead list can rename the custom ones.
 */
export const LEAD_FIELDS = [
	{ name: 'field_0', label: 'Phone Number' },
	{ name: 'field_1', label: 'Name' },
	{ name: 'field_2', label: 'Email' },
	{ name: 'field_3', label: 'Address' },
	{ name: 'field_4', label: 'Company' },
	...Array.from({ length: 7 }, (_, index) => ({ name: `field_${index + 5}`, label: `Custom Field ${index + 1}` })),
] as const;

export const DUPLICATE_OPTIONS = ['skip', 'overwrite', 'clone'] as const;

/**
 * The path ID of the lead endpoints. Smartflo's page for adding one lead calls it "ID of the active
 * broadcast", the bulk page "ID of the lead list"; integrators pass the lead list ID, and so does this
 * catalogue (a broadcast's list is its `phone_number_list`).
 */
const leadListId = pathId('Lead List ID', 'The ID of the lead list (not of a broadcast)');
const duplicateOption = body(
	'duplicate_option',
	'If Already There',
	'text',
	'What happens to a lead whose number is in the list already: skip, overwrite or clone',
	{ choices: DUPLICATE_OPTIONS },
);
const skillId = body('skill_id', 'Skill', 'text', 'The ID of the skill the lead needs');

const leadFieldParams: ParamDefinition[] = LEAD_FIELDS.map(({ name, label }) =>
	body(
		name,
		label,
		'text',
		name === 'field_0' ? 'The lead’s phone number' : `The lead’s ${label.toLowerCase()}`,
		name === 'field_0' ? { required: true } : {},
	),
);

export const lists: EndpointDefinition = {
	summary: 'List the lead lists',
	method: 'GET',
	effect: 'read',
	path: '/v1/broadcast/lists',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: `${DOCS}/v1broadcastlists`,
};

export const add: EndpointDefinition = {
	summary: 'Add one lead to a lead list',
	method: 'POST',
	effect: 'write',
	path: '/v1/broadcast/lead/{id}',
	auth: 'bearer',
	params: [
		leadListId,
		...leadFieldParams,
		duplicateOption,
		body('priority', 'Priority', 'integer', '1 (lowest) to 30 (highest)', { min: 1, max: 30 }),
		skillId,
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcastleadid`,
};

export const addMany: EndpointDefinition = {
	summary: 'Add many leads to a lead list in one request (uploaded in the background)',
	method: 'POST',
	effect: 'write',
	path: '/v1/broadcast/leads/{id}',
	auth: 'bearer',
	params: [
		leadListId,
		body('data', 'Leads', 'records', 'The leads, each { field_0, field_1, … }', { required: true }),
		duplicateOption,
		skillId,
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcastleadsid-1`,
};

export const getMany: EndpointDefinition = {
	summary: 'List the leads of a lead list',
	method: 'GET',
	effect: 'read',
	path: '/v1/broadcast/leads/{id}',
	auth: 'bearer',
	params: [leadListId, query('number', 'Phone Number', 'text', 'Only leads with this phone number')],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: `${DOCS}/v1broadcastleadsid`,
};

export const remove: EndpointDefinition = {
	summary: 'Delete a lead',
	method: 'DELETE',
	effect: 'delete',
	path: '/v1/broadcast/lead/{id}',
	auth: 'bearer',
	params: [pathId('Lead ID', 'The lead_id of the lead (from Get Many)')],
	response: { kind: 'result' },
	docs: `${DOCS}/v1broadcastleadid-2`,
};

export const MAX_DND_PAGE_SIZE = 100;

export const dnd: EndpointDefinition = {
	summary: 'List the numbers on the account’s do-not-disturb (DND) list',
	method: 'GET',
	effect: 'read',
	path: '/v1/broadcast/dnd/leads',
	auth: 'bearer',
	params: [
		query('list_id', 'DND List ID', 'text', 'Only the entries of this DND list'),
		query('id', 'Entry ID', 'text', 'Only this entry'),
	],
	response: { kind: 'list', at: 'data', pagination: { style: 'cursor', pageSize: MAX_DND_PAGE_SIZE, hasMoreField: 'hasMore' } },
	docs: `${DOCS}/v1broadcastdndleads`,
};
