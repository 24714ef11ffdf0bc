import type { INodeProperties } from 'n8n-workflow';

import type { SmartfloOperation } from '../common/operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, SmartfloOperation> = { get, getMany };

export const description: INodeProperties[] = [
	{
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
	},
	...get.description,
	...getMany.description,
];
