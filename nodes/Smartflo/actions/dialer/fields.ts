import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Smartflo has no documented list of dialer campaigns to pick from: the ID is typed, as the portal shows it. */
export function campaignIdField(displayOptions: IDisplayOptions, description: string, required = true): INodeProperties {
	return {
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		required,
		placeholder: '8001',
		description,
		displayOptions,
	};
}
