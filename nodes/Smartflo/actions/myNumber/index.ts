import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

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
		{
			name: 'Update',
			value: 'update',
			description: 'Rename a number or change where its calls go',
			action: 'Update a phone number',
		},
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { getMany, update };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
