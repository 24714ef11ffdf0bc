import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Dropdown parameters several operations share. */

export function broadcastPicker(displayOptions: IDisplayOptions, description = 'The broadcast'): INodeProperties {
	return {
		displayName: 'Broadcast Name or ID',
		name: 'broadcastId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBroadcasts' },
		default: '',
		required: true,
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions,
	};
}

export function leadListPicker(displayOptions: IDisplayOptions, description = 'The lead list'): INodeProperties {
	return {
		displayName: 'Lead List Name or ID',
		name: 'leadListId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLeadLists' },
		default: '',
		required: true,
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions,
	};
}

export function agentPicker(displayOptions: IDisplayOptions, description: string, name = 'agentId'): INodeProperties {
	return {
		displayName: 'Agent Name or ID',
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: '',
		required: true,
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions,
	};
}

export function callIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1715235734.129662',
		description,
		displayOptions,
	};
}
