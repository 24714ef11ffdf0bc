import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Parameters both ways of placing a call share: Click to Call and Click to Call Support. */
export function returnCallIdField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Return Call ID',
		name: 'getCallId',
		type: 'boolean',
		default: true,
		description: 'Whether to ask Smartflo for the live call ID (call_id), which Hang Up needs',
		displayOptions,
	};
}

export const callTimeoutOption: INodeProperties = {
	displayName: 'Call Timeout (Seconds)',
	name: 'callTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 600,
	description: 'Ends the call when it has lasted this long. It limits the whole conversation, not the ringing.',
};

export const customIdentifierOption: INodeProperties = {
	displayName: 'Custom Identifier',
	name: 'customIdentifier',
	type: 'string',
	default: '',
	description: 'Any text, e.g. a CRM ID; Smartflo echoes it in webhooks',
};

/** Options (parameter → Smartflo field) both operations send. */
export const SHARED_CALL_OPTIONS = { callerId: 'caller_id', customIdentifier: 'custom_identifier', callTimeout: 'call_timeout' };

/** Smartflo discontinued synchronous calls (October 2024): `async` is always 1. */
export function callModeFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('getCallId', itemIndex, true) ? { async: 1, get_call_id: 1 } : { async: 1 };
}
