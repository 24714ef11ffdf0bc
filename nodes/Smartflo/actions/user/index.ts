import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
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
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { get, getMany };

export const description: INodeProperties[] = [
	operation,
	...get.description,
	...getMany.description,
];
