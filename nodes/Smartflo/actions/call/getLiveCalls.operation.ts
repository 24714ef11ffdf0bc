import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';
import { dropdown, picker, withPickedValues } from '../common/pickers';

const endpoint = SMARTFLO_ENDPOINTS.call.liveCalls;

const FILTERS: Record<string, string> = {
	agentNumber: 'agent_number',
	extension: 'extension',
	didNumber: 'did_number',
	callId: 'call_id',
};

export const description: INodeProperties[] = [
	...returnAllAndLimit('call', 'getLiveCalls'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('call', 'getLiveCalls'),
		options: [
			...picker('agent', dropdown('Agent', 'agentNumber', 'getAgents', 'Only calls of this agent'), 'Only calls of this agent'),
			{
				displayName: 'Call ID',
				name: 'callId',
				type: 'string',
				default: '',
				description: 'Only the call with this call_id',
			},
			...picker(
				'callerId',
				dropdown('DID Number', 'didNumber', 'getCallerIds', 'Only calls on this number'),
				'Only calls on this number',
				'DID Number',
			),
			{
				displayName: 'Extension',
				name: 'extension',
				type: 'string',
				default: '',
				description: 'Only calls of the agent with this extension or intercom',
			},
		],
	},
];

/** `GET /v1/live_calls` (a bare array): one item per call in progress. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = withPickedValues.call(
		this,
		'filters',
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		['agentNumber', 'didNumber'],
		itemIndex,
	);
	return await getList.call(this, endpoint, itemIndex, apiFields(filters, FILTERS));
}
