import { body, pathId } from './params';
import type { EndpointDefinition } from './types';

export const getMany: EndpointDefinition = {
	summary: 'List the account’s phone numbers (DIDs)',
	method: 'GET',
	effect: 'read',
	path: '/v1/my_number',
	auth: 'bearer',
	params: [],
	response: { kind: 'list', pagination: { style: 'none' } },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1my_number',
};

export const update: EndpointDefinition = {
	summary: 'Change a number’s name, description and where its calls go',
	method: 'PUT',
	effect: 'write',
	path: '/v1/my_number/{id}',
	auth: 'bearer',
	params: [
		pathId('Number ID', 'The ID of the number (not the number itself)'),
		body('name', 'Name', 'text', 'The number’s name'),
		body('destination', 'Destination', 'text', 'Where its calls go, as type||id (see destination.ts)'),
		body('description', 'Description', 'text', 'A description'),
		body('sms_template', 'SMS Templates', 'textList', 'IDs of SMS templates'),
	],
	response: { kind: 'result' },
	docs: 'https://docs.smartflo.tatatelebusiness.com/reference/v1my_numberid',
};
