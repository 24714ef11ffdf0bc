import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as getCallbacks from './getCallbacks.operation';
import * as scheduleCallback from './scheduleCallback.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dialer'] } },
	options: [
		{
			name: 'Get Many Callbacks',
			value: 'getCallbacks',
			description: 'List the callbacks scheduled in a date range',
			action: 'Get many scheduled callbacks',
		},
		{
			name: 'Schedule Callback',
			value: 'scheduleCallback',
			description: 'Schedule a callback to a customer for an agent',
			action: 'Schedule a callback',
		},
	],
	default: 'scheduleCallback',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { getCallbacks, scheduleCallback };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
