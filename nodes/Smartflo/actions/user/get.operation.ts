import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordOf, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';

export const needsCredential = true;

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '62501',
		description: 'The numeric ID of the Smartflo user (the ID in Get Many), not the agent ID',
		displayOptions: showFor('user', 'get'),
	},
];

/** `GET /v1/user/{id}`: the user with `team_member` and `agent` details. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = this.getNodeParameter('userId', itemIndex) as string;
	return recordOf(await callEndpoint.call(this, SMARTFLO_ENDPOINTS.user.get, { id: userId }, itemIndex)) as IDataObject;
}
