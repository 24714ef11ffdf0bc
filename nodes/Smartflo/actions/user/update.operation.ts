import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields, requireSomethingToUpdate } from '../common/fields';
import { showFor } from '../common/operation';
import { pickedValue } from '../common/pickers';
import { callerIdsField, passwordField, roleField, userIdField } from './fields';

const show = showFor('user', 'update');

/** Update fields: parameter name → Smartflo's field. */
const UPDATE_FIELDS: Record<string, string> = {
	name: 'name',
	number: 'number',
	email: 'email',
	loginId: 'login_id',
	designation: 'designation',
	role: 'user_role',
	password: 'password',
	blocked: 'block_agent',
	agentDisabled: 'disable_agent',
	internationalOutbound: 'international_outbound',
	blockWebLogin: 'block_web_login',
	loginBasedCalling: 'login_based_calling',
	callerIds: 'caller_id',
};

export const description: INodeProperties[] = [
	...userIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Agent Disabled',
				name: 'agentDisabled',
				type: 'boolean',
				default: false,
				description: 'Whether the agent is disabled (takes no calls); off enables it again',
			},
			{
				displayName: 'Block Web Login',
				name: 'blockWebLogin',
				type: 'boolean',
				default: false,
				description: 'Whether the user may not log in to the Smartflo portal',
			},
			{
				displayName: 'Blocked',
				name: 'blocked',
				type: 'boolean',
				default: true,
				description: 'Whether the user and their agent are blocked: on blocks, off unblocks',
			},
			callerIdsField,
			{ displayName: 'Designation', name: 'designation', type: 'string', default: '', description: 'The user’s job title' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{
				displayName: 'International Outbound',
				name: 'internationalOutbound',
				type: 'boolean',
				default: false,
				description: 'Whether the agent may call numbers abroad',
			},
			{ displayName: 'Login ID', name: 'loginId', type: 'string', default: '' },
			{
				displayName: 'Login-Based Calling',
				name: 'loginBasedCalling',
				type: 'boolean',
				default: false,
				description: 'Whether calls reach the agent only while logged in',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Number', name: 'number', type: 'string', default: '', description: 'The user’s mobile number' },
			passwordField,
			roleField,
		],
	},
];

/** `PATCH /v1/user/{id}` with the fields set (Blocked on blocks, off unblocks). Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const values = apiFields(fields, UPDATE_FIELDS);
	requireSomethingToUpdate(this.getNode(), values, itemIndex, 'Add at least one field under Update Fields.');
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.user.update,
		{ id: pickedValue.call(this, 'userId', itemIndex), ...values },
		itemIndex,
	)) as IDataObject;
}
