import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createAuthClient, loginWithCredentials, requestHelperOf } from '../../../../src/n8n';
import { authFailureError, smartfloCredentials } from '../../transport';
import { showFor } from '../common/operation';
import { tokenOutput } from './output';

const show = (extra = {}) => showFor('token', 'login', extra);

export const description: INodeProperties[] = [
	{
		displayName: 'Log In With',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Node Credential',
				value: 'credential',
				description: 'Log in as the user of the selected credential (an Access Token credential returns its token)',
			},
			{
				name: 'Email and Password',
				value: 'fields',
				description: 'Log in as another user, e.g. one per input item; the credential only provides the Base URL',
			},
		],
		default: 'credential',
		displayOptions: show(),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@company.com',
		default: '',
		required: true,
		description: 'The login ID of the Smartflo portal user',
		displayOptions: show({ source: ['fields'] }),
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Every failed login counts towards a lockout on Smartflo; check it before running on many items',
		displayOptions: show({ source: ['fields'] }),
	},
];

/** A new token: `accessToken`, `tokenType`, `expiresIn`, `expiresAt` and, after a login, `passwordExpiresInDays`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { credentials, baseUrl } = await smartfloCredentials.call(this, itemIndex);
	const request = requestHelperOf(this);
	const fromFields = this.getNodeParameter('source', itemIndex, 'credential') === 'fields';
	try {
		if (fromFields) {
			const email = this.getNodeParameter('email', itemIndex) as string;
			const password = this.getNodeParameter('password', itemIndex) as string;
			return tokenOutput(await createAuthClient(credentials, request).login({ email, password }));
		}
		return tokenOutput(await loginWithCredentials(credentials, request));
	} catch (error) {
		throw authFailureError(this.getNode(), error, baseUrl, itemIndex, fromFields ? 'nodeFields' : 'credential');
	}
}
