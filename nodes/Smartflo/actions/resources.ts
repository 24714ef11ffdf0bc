import type { INodeProperties } from 'n8n-workflow';

import * as call from './call';
import * as callRecord from './callRecord';
import type { SmartfloOperation } from './common/operation';
import * as department from './department';
import * as myNumber from './myNumber';
import * as token from './token';
import * as user from './user';

export const resources: Record<string, { operations: Record<string, SmartfloOperation> }> = {
	call,
	callRecord,
	department,
	myNumber,
	token,
	user,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Call', value: 'call' },
		{ name: 'Call Record', value: 'callRecord' },
		{ name: 'Department', value: 'department' },
		{ name: 'My Number', value: 'myNumber' },
		{ name: 'Token', value: 'token' },
		{ name: 'User', value: 'user' },
	],
	default: 'call',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...token.description,
	...call.description,
	...callRecord.description,
	...user.description,
	...myNumber.description,
	...department.description,
];

/** Operations that need no credential (the node hides the credential for them). */
export const CREDENTIAL_FREE_OPERATIONS = ['inspect'];
