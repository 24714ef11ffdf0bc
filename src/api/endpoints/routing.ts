import type { EndpointDefinition } from './types';

/** What calls can be routed to, besides agents and departments. */

export const ivrs: EndpointDefinition = {
	summary: 'List the IVRs and their menus',
	method: 'GET',
	effect: 'read',
	path: '/v1/ivrs',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', at: 'ivrs', pagination: { style: 'none' } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1ivr',
};

export const autoAttendants: EndpointDefinition = {
	summary: 'List the auto attendants',
	method: 'GET',
	effect: 'read',
	path: '/v1/auto_attendants',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1auto_attendants',
};

export const timeGroups: EndpointDefinition = {
	summary: 'List the time groups (working hours)',
	method: 'GET',
	effect: 'read',
	path: '/v1/timegroups',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1timegroups',
};
