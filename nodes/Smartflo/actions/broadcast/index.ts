import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['broadcast'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a voice broadcast that calls the leads of a lead list',
			action: 'Create a broadcast',
		},
		{ name: 'Get', value: 'get', description: 'Get a broadcast, its lead list and status', action: 'Get a broadcast' },
		{ name: 'Get Many', value: 'getMany', description: 'List broadcasts', action: 'Get many broadcasts' },
		{ name: 'Start', value: 'start', description: 'Start calling the leads of a broadcast', action: 'Start a broadcast' },
		{ name: 'Stop', value: 'stop', description: 'End a running or paused broadcast', action: 'Stop a broadcast' },
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { create, get, getMany, start, stop };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
