import type { INodeProperties } from 'n8n-workflow';

import { literalProperty, type OptionValue, type SmartfloOperation } from '../common/operation';
import * as createCampaign from './createCampaign.operation';
import * as getCallbacks from './getCallbacks.operation';
import * as getCallNotes from './getCallNotes.operation';
import * as scheduleCallback from './scheduleCallback.operation';
import * as sessionCall from './sessionCall.operation';
import * as updateCampaign from './updateCampaign.operation';

const operation = literalProperty({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dialer'] } },
	options: [
		{
			name: 'Create Campaign',
			value: 'createCampaign',
			description: 'Create a dialer campaign: its lead lists, caller ID, agents and how it dials',
			action: 'Create a dialer campaign',
		},
		{
			name: 'Get Many Call Notes',
			value: 'getCallNotes',
			description: 'List the notes agents wrote on the calls with a customer',
			action: 'Get many call notes of a customer',
		},
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
		{
			name: 'Start or End Session',
			value: 'sessionCall',
			description: 'Start or end the dialer session of the credential’s user in a campaign',
			action: 'Start or end a dialer session',
		},
		{
			name: 'Update Campaign',
			value: 'updateCampaign',
			description: 'Change fields of a dialer campaign',
			action: 'Update a dialer campaign',
		},
	],
	default: 'scheduleCallback',
});

export const operations: Record<OptionValue<typeof operation>, SmartfloOperation> = {
	createCampaign,
	getCallNotes,
	getCallbacks,
	scheduleCallback,
	sessionCall,
	updateCampaign,
};

export const description: INodeProperties[] = [operation, ...Object.values(operations).flatMap((entry) => entry.description)];
