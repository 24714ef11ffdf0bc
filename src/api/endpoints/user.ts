import { body, pathId, query } from './params';
import type { EndpointDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';
const userId = pathId('User ID', 'The numeric ID of the user (not the agent ID)');

export const getMany: EndpointDefinition = {
	summary: 'List users and their agents',
	method: 'GET',
	effect: 'read',
	path: '/v1/users',
	auth: 'bearer',
	params: [
		query('is_extension_created', 'Has Extension', 'flag', 'Only users with (1) or without (0) an extension'),
		query('is_login_based_calling', 'Login-Based Calling', 'flag', 'Only users with (1) or without (0) login-based calling'),
		query('is_international_calling', 'International Calling', 'flag', 'Only users allowed (1) or not (0) international calls'),
		query('is_web_login', 'Web Login', 'flag', 'Only users allowed (1) or not (0) to log in to the portal'),
		query('user_status', 'Status', 'text', '1 active, 0 blocked', { choices: ['0', '1'] }),
	],
	response: { kind: 'list', at: 'data', pagination: { style: 'cursor', pageSize: 100, hasMoreField: 'has_more' } },
	docs: `${DOCS}/fetch-multiple-users`,
};

export const get: EndpointDefinition = {
	summary: 'Get a user with its team member and agent details',
	method: 'GET',
	effect: 'read',
	path: '/v1/user/{id}',
	auth: 'bearer',
	params: [userId],
	response: { kind: 'record' },
	docs: `${DOCS}/fetch-single-user`,
};

const password = body(
	'password',
	'Password',
	'text',
	'At least 8 characters with an upper-case letter, a lower-case letter and a special character',
	{ secret: true },
);
const callerIds = body(
	'caller_id',
	'Caller ID Numbers',
	'integerList',
	'IDs of the account’s numbers (My Number IDs) the user may call from',
	{ min: 1 },
);
const agentGroups = body('agent_group', 'Agent Groups', 'integerList', 'IDs of agent groups', { min: 1 });
const blockWebLogin = body('block_web_login', 'Block Web Login', 'boolean', 'Whether the user may not log in to the portal');
const loginBasedCalling = body(
	'login_based_calling',
	'Login-Based Calling',
	'boolean',
	'Whether calls reach the user only while logged in',
);

export const create: EndpointDefinition = {
	summary: 'Create a user, and its agent',
	method: 'POST',
	effect: 'write',
	path: '/v1/user',
	auth: 'bearer',
	params: [
		body('name', 'Name', 'text', 'The user’s name', { required: true }),
		body('number', 'Number', 'text', 'The user’s mobile number (their follow-me number as an agent)', { required: true }),
		body('email', 'Email', 'text', 'The user’s email', { required: true }),
		body('login_id', 'Login ID', 'text', 'The portal login ID', { required: true }),
		body('user_role', 'Role', 'integer', 'The role ID (GET /v1/roles)', { required: true, min: 1 }),
		{ ...password, required: true },
		{ ...callerIds, required: true },
		body('create_agent', 'Create Agent', 'boolean', 'Whether the user is also an agent who takes calls', { required: true }),
		body('status', 'Active', 'boolean', 'Whether the user is active (false creates it blocked)', { required: true }),
		body('create_web_login', 'Create Web Login', 'boolean', 'Whether the user may log in to the portal'),
		blockWebLogin,
		loginBasedCalling,
		agentGroups,
		body('department', 'Departments', 'integerList', 'IDs of the departments the agent answers for', { min: 1 }),
		body('time_group', 'Time Group', 'integer', 'The ID of the time group the agent works in', { min: 1 }),
		body('route_call_through', 'Route Calls Through', 'integer', '0 the agent’s number, 1 the extension, 2 both', { min: 0, max: 2 }),
		body('failover_destination', 'Failover Destination', 'text', 'Where unanswered calls go, as type||id'),
		body('assign_extension', 'Assign Extension', 'boolean', 'Whether the agent gets an extension'),
	],
	response: { kind: 'result' },
	docs: `${DOCS}/create-user`,
};

export const update: EndpointDefinition = {
	summary: 'Change a user: details, role, caller IDs, block or unblock',
	method: 'PATCH',
	effect: 'write',
	path: '/v1/user/{id}',
	auth: 'bearer',
	params: [
		userId,
		body('name', 'Name', 'text', 'The user’s name'),
		body('number', 'Number', 'text', 'The user’s mobile number'),
		body('email', 'Email', 'text', 'The user’s email'),
		body('login_id', 'Login ID', 'text', 'The portal login ID'),
		body('designation', 'Designation', 'text', 'The user’s job title'),
		body('user_role', 'Role', 'integer', 'The role ID (GET /v1/roles)', { min: 1 }),
		password,
		callerIds,
		agentGroups,
		body('block_agent', 'Blocked', 'boolean', 'Whether the user (and its agent) is blocked: true blocks, false unblocks'),
		body('disable_agent', 'Agent Disabled', 'boolean', 'Whether the agent is disabled'),
		body('international_outbound', 'International Outbound', 'boolean', 'Whether the agent may call abroad'),
		blockWebLogin,
		loginBasedCalling,
	],
	response: { kind: 'result' },
	docs: `${DOCS}/patch-a-user`,
};

/** Seen in integrators’ code only: the role IDs user creation needs. */
export const roles: EndpointDefinition = {
	summary: 'List the roles a user can have',
	method: 'GET',
	effect: 'read',
	path: '/v1/roles',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
};
