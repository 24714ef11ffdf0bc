import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
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
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { getMany };

export const description: INodeProperties[] = [
	operation,
	...getMany.description,
];
