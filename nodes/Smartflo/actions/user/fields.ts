import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { picker } from '../common/pickers';

/** Parameters Create and Update share (without display options: each operation adds its own). */

export const roleField: INodeProperties = {
	displayName: 'Role Name or ID',
	name: 'role',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	default: '',
	description:
		'What the user may do in Smartflo. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'The portal password: at least 8 characters with an upper-case letter, a lower-case letter and a special character',
};

export const callerIdsField: INodeProperties = {
	displayName: 'Caller ID Number Names or IDs',
	name: 'callerIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getMyNumbers' },
	default: [],
	description:
		'The account’s numbers the user may call from. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function userIdField(displayOptions: IDisplayOptions): INodeProperties[] {
	return picker(
		'user',
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '62501',
			description: 'The numeric ID of the Smartflo user (the ID in Get Many), not the agent ID',
			displayOptions,
		},
		'The Smartflo user; by ID, the user ID (the ID in Get Many), not the agent ID',
	);
}
