import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as clickToCall from './clickToCall.operation';
import * as clickToCallSupport from './clickToCallSupport.operation';
import * as getLiveCalls from './getLiveCalls.operation';
import * as hangUp from './hangUp.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{
			name: 'Click to Call',
			value: 'clickToCall',
			description: 'Ring an agent, then connect them to a customer',
			action: 'Start a click to call',
		},
		{
			name: 'Click to Call Support',
			value: 'clickToCallSupport',
			description: 'Ring a customer, then connect them to the destination of an API key',
			action: 'Start a click to call support call',
		},
		{
			name: 'Get Live Calls',
			value: 'getLiveCalls',
			description: 'List the calls in progress',
			action: 'Get live calls',
		},
		{
			name: 'Hang Up',
			value: 'hangUp',
			description: 'End a live call',
			action: 'Hang up a call',
		},
	],
	default: 'clickToCall',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { clickToCall, clickToCallSupport, hangUp, getLiveCalls };

export const description: INodeProperties[] = [
	operation,
	...clickToCall.description,
	...clickToCallSupport.description,
	...hangUp.description,
	...getLiveCalls.description,
];
