import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';

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
			{
				displayName: 'Agent Name or ID',
				name: 'agentNumber',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: '',
				description:
					'Only calls of this agent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Call ID',
				name: 'callId',
				type: 'string',
				default: '',
				description: 'Only the call with this call_id',
			},
			{
				displayName: 'DID Number Name or ID',
				name: 'didNumber',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCallerIds' },
				default: '',
				description:
					'Only calls on this number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
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
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await getList.call(this, endpoint, itemIndex, apiFields(filters, FILTERS));
}
