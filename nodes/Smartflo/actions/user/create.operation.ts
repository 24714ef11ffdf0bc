import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { callerIdsField, passwordField, roleField } from './fields';

const show = showFor('user', 'create');

export const description: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, displayOptions: show },
	{
		displayName: 'Number',
		name: 'number',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+919876543210',
		description: 'The user’s mobile number; calls to the agent ring it',
		displayOptions: show,
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true, displayOptions: show },
	{
		displayName: 'Login ID',
		name: 'loginId',
		type: 'string',
		default: '',
		required: true,
		description: 'What the user logs in to the Smartflo portal with',
		displayOptions: show,
	},
	{ ...roleField, required: true, displayOptions: show },
	{ ...passwordField, required: true, displayOptions: show },
	{ ...callerIdsField, required: true, displayOptions: show },
	{
		displayName: 'Create Agent',
		name: 'createAgent',
		type: 'boolean',
		default: true,
		description: 'Whether the user is also an agent who takes calls',
		displayOptions: show,
	},
	{
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the user can work at once (off creates the user blocked)',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Assign Extension',
				name: 'assignExtension',
				type: 'boolean',
				default: false,
				description: 'Whether the agent gets an extension (a softphone line)',
			},
			{
				displayName: 'Block Web Login',
				name: 'blockWebLogin',
				type: 'boolean',
				default: false,
				description: 'Whether the user may not log in to the Smartflo portal',
			},
			{
				displayName: 'Create Web Login',
				name: 'createWebLogin',
				type: 'boolean',
				default: true,
				description: 'Whether the user gets a login to the Smartflo portal',
			},
			{
				displayName: 'Department Names or IDs',
				name: 'departments',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getDepartments' },
				default: [],
				description:
					'The departments the agent answers for. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Login-Based Calling',
				name: 'loginBasedCalling',
				type: 'boolean',
				default: false,
				description: 'Whether calls reach the agent only while logged in',
			},
			{
				displayName: 'Route Calls Through',
				name: 'routeCallThrough',
				type: 'options',
				options: [
					{ name: 'Agent Number', value: 0 },
					{ name: 'Extension', value: 1 },
					{ name: 'Both', value: 2 },
				],
				default: 0,
				description: 'Where the agent’s calls ring',
			},
			{
				displayName: 'Time Group Name or ID',
				name: 'timeGroup',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTimeGroups' },
				default: '',
				description:
					'The hours the agent works. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const ADDITIONAL_FIELDS: Record<string, string> = {
	assignExtension: 'assign_extension',
	blockWebLogin: 'block_web_login',
	createWebLogin: 'create_web_login',
	departments: 'department',
	loginBasedCalling: 'login_based_calling',
	routeCallThrough: 'route_call_through',
	timeGroup: 'time_group',
};

/** `POST /v1/user`. Outputs `success`, `message`, `user_id` and `agent_id`. The password is never output. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const values: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		number: this.getNodeParameter('number', itemIndex) as string,
		email: this.getNodeParameter('email', itemIndex) as string,
		login_id: this.getNodeParameter('loginId', itemIndex) as string,
		user_role: this.getNodeParameter('role', itemIndex) as string,
		password: this.getNodeParameter('password', itemIndex) as string,
		caller_id: this.getNodeParameter('callerIds', itemIndex, []),
		create_agent: this.getNodeParameter('createAgent', itemIndex) as boolean,
		status: this.getNodeParameter('active', itemIndex) as boolean,
		...apiFields(additional, ADDITIONAL_FIELDS),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.user.create, values, itemIndex)) as IDataObject;
}
