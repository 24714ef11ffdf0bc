import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a user, and their agent',
			action: 'Create a user',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a user and their agent settings',
			action: 'Get a user',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List users and their agents',
			action: 'Get many users',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change a user, or block or unblock them',
			action: 'Update a user',
		},
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { create, get, getMany, update };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
