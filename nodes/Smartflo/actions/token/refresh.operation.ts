import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createAuthClient, requestHelperOf } from '../../../../src/n8n';
import { authFailureError, smartfloCredentials } from '../../transport';
import { showFor } from '../common/operation';
import { tokenOutput } from './output';

export const description: INodeProperties[] = [
	{
		displayName: 'Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '={{ $json.accessToken }}',
		description:
			'The token to renew, usually from an earlier Login or Refresh step. A leading "Bearer " is removed. Smartflo invalidates it once it has been refreshed.',
		displayOptions: showFor('token', 'refresh'),
	},
	{
		displayName: 'Replace a Permanent Token',
		name: 'replacePermanentToken',
		type: 'boolean',
		default: false,
		description:
			'Whether to refresh a permanent token too. Smartflo would replace it with a token that expires in an hour, so a permanent token is refused unless this is on.',
		displayOptions: showFor('token', 'refresh'),
	},
];

/** Trades a token for a new one (`POST /v1/auth/refresh`); the Base URL comes from the credential. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { credentials, baseUrl } = await smartfloCredentials.call(this, itemIndex);
	const token = this.getNodeParameter('token', itemIndex) as string;
	const replacePermanentToken = this.getNodeParameter('replacePermanentToken', itemIndex, false) as boolean;
	try {
		return tokenOutput(await createAuthClient(credentials, requestHelperOf(this)).refresh(token, { replacePermanentToken }));
	} catch (error) {
		throw authFailureError(this.getNode(), error, baseUrl, itemIndex, 'previousStep');
	}
}
