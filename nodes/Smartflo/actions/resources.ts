import type { INodeProperties } from 'n8n-workflow';

import * as broadcast from './broadcast';
import * as call from './call';
import * as callRecord from './callRecord';
import { literalProperty, type OptionValue, type SmartfloOperation, type SmartfloResource } from './common/operation';
import * as department from './department';
import * as dialer from './dialer';
import * as ivr from './ivr';
import * as lead from './lead';
import * as leadList from './leadList';
import * as myNumber from './myNumber';
import * as token from './token';
import * as user from './user';

const resource = literalProperty({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Broadcast', value: 'broadcast' },
		{ name: 'Call', value: 'call' },
		{ name: 'Call Record', value: 'callRecord' },
		{ name: 'Department', value: 'department' },
		{ name: 'Dialer', value: 'dialer' },
		{ name: 'IVR', value: 'ivr' },
		{ name: 'Lead', value: 'lead' },
		{ name: 'Lead List', value: 'leadList' },
		{ name: 'My Number', value: 'myNumber' },
		{ name: 'Token', value: 'token' },
		{ name: 'User', value: 'user' },
	],
	default: 'call',
});

export const resources: Record<OptionValue<typeof resource>, SmartfloResource> = {
	broadcast,
	call,
	callRecord,
	department,
	dialer,
	ivr,
	lead,
	leadList,
	myNumber,
	token,
	user,
};

export const properties: INodeProperties[] = [resource, ...Object.values(resources).flatMap((entry) => entry.description)];

/** The operation a node's `resource` and `operation` parameters select, or undefined for unknown names. */
export function operationOf(resourceName: string, operationName: string): SmartfloOperation | undefined {
	const entry: SmartfloResource | undefined = Object.hasOwn(resources, resourceName)
		? resources[resourceName as keyof typeof resources]
		: undefined;
	return entry && Object.hasOwn(entry.operations, operationName) ? entry.operations[operationName] : undefined;
}

/** Operations that need no credential: the node hides the credential for them. */
export const CREDENTIAL_FREE_OPERATIONS = Object.values(resources).flatMap((entry) =>
	Object.entries(entry.operations)
		.filter(([, operation]) => operation.needsCredential === false)
		.map(([name]) => name),
);
