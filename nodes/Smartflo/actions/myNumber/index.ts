import type { INodeProperties } from 'n8n-workflow';

import type { SmartfloOperation } from '../common/operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, SmartfloOperation> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myNumber'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the account’s phone numbers (DIDs)',
				action: 'Get many phone numbers',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
