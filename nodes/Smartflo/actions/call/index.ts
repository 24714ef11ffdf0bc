import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as barge from './barge.operation';
import * as clickToCall from './clickToCall.operation';
import * as clickToCallSupport from './clickToCallSupport.operation';
import * as disconnect from './disconnect.operation';
import * as getLiveCalls from './getLiveCalls.operation';
import * as hangUp from './hangUp.operation';
import * as monitor from './monitor.operation';
import * as transfer from './transfer.operation';
import * as whisper from './whisper.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{
			name: 'Barge',
			value: 'barge',
			description: 'Join a live call as a supervisor, heard by the agent and the customer',
			action: 'Barge into a call',
		},
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
			name: 'Disconnect Dialer Call',
			value: 'disconnect',
			description: 'End a dialer call, optionally putting the agent on a break',
			action: 'Disconnect a dialer call',
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
		{
			name: 'Monitor',
			value: 'monitor',
			description: 'Listen to a live call as a supervisor, unheard',
			action: 'Monitor a call',
		},
		{
			name: 'Transfer',
			value: 'transfer',
			description: 'Move a live call to another agent or an intercom',
			action: 'Transfer a call',
		},
		{
			name: 'Whisper',
			value: 'whisper',
			description: 'Speak to the agent of a live call without the customer hearing',
			action: 'Whisper to the agent of a call',
		},
	],
	default: 'clickToCall',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = {
	barge,
	clickToCall,
	clickToCallSupport,
	disconnect,
	getLiveCalls,
	hangUp,
	monitor,
	transfer,
	whisper,
};

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
