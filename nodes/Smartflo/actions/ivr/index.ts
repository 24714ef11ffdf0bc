import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['ivr'] } },
	options: [{ name: 'Get Many', value: 'getMany', description: 'List the IVRs and their menus', action: 'Get many IVR menus' }],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { getMany };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
