import { body } from './params';
import type { EndpointDefinition } from './types';

export const RING_STRATEGIES = ['order_by', 'round_robin', 'simultaneous', 'random'] as const;

export const getMany: EndpointDefinition = {
	summary: 'List departments and their agents',
	method: 'GET',
	effect: 'read',
	path: '/v1/departments',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1departments',
};

export const create: EndpointDefinition = {
	summary: 'Create a department (a group of agents calls are distributed to)',
	method: 'POST',
	effect: 'write',
	path: '/v1/department',
	auth: 'bearer',
	params: [
		body('name', 'Name', 'text', 'The department’s name', { required: true }),
		body('description', 'Description', 'text', 'A description'),
		body('ring_strategy', 'Ring Strategy', 'text', 'How calls are distributed to the agents', { choices: RING_STRATEGIES }),
		body('destination', 'Agents', 'textList', 'The members, each as extension||<agent id>'),
		body('timeout', 'Agent Timeouts', 'integerList', 'Seconds each member rings, one per member', { min: 1 }),
		body('failover_dest_type', 'Failover Destination Type', 'text', 'Where unanswered calls go, e.g. hangup'),
		body('timeout_destination', 'Failover Destination', 'text', 'The ID of the failover destination'),
	],
	response: { kind: 'result' },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1department',
};
