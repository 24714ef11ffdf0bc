import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['department'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a department of agents that calls are shared among',
			action: 'Create a department',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List departments and their agents',
			action: 'Get many departments',
		},
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { create, getMany };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
