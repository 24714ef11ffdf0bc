import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as downloadRecording from './downloadRecording.operation';
import * as getMany from './getMany.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['callRecord'] } },
	options: [
		{
			name: 'Download Recording',
			value: 'downloadRecording',
			description: 'Get the recording of an answered call as a file',
			action: 'Download a call recording',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List call detail records in a date range',
			action: 'Get many call records',
		},
	],
	default: 'getMany',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = { downloadRecording, getMany };

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
