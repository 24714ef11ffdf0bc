import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as deleteLead from './delete.operation';
import * as getDnd from './getDnd.operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['lead'] } },
	options: [
		{ name: 'Add', value: 'create', description: 'Add one lead to a lead list', action: 'Add a lead' },
		{ name: 'Add Many', value: 'createMany', description: 'Add the input items as leads, many per request', action: 'Add many leads' },
		{ name: 'Delete', value: 'delete', description: 'Delete a lead from its lead list', action: 'Delete a lead' },
		{
			name: 'Get DND Leads',
			value: 'getDnd',
			description: 'List the numbers on the account’s do-not-disturb list',
			action: 'Get many DND leads',
		},
		{ name: 'Get Many', value: 'getMany', description: 'List the leads of a lead list', action: 'Get many leads' },
	],
	default: 'create',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = {
	create,
	createMany,
	delete: deleteLead,
	getDnd,
	getMany,
};

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
