import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordOf, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { pickedValue } from '../common/pickers';
import { userIdField } from './fields';

export const description: INodeProperties[] = [...userIdField(showFor('user', 'get'))];

/** `GET /v1/user/{id}`: the user with `team_member` and `agent` details. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = pickedValue.call(this, 'userId', itemIndex);
	return recordOf(await callEndpoint.call(this, SMARTFLO_ENDPOINTS.user.get, { id: userId }, itemIndex)) as IDataObject;
}
