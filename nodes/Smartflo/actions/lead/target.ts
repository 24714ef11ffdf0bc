import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { recordOf, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { broadcastPicker, leadListPicker, pickedValue } from '../common/pickers';

/**
 * Which lead list an operation works on: chosen directly, or as the lead list of a broadcast. Smartflo's
 * lead endpoints take a lead list ID, although one of its pages calls it the broadcast's; a broadcast ID
 * is never sent in its place.
 */
export function leadListTargetProperties(operation: string): INodeProperties[] {
	const show = (target: string) => showFor('lead', operation, { target: [target] });
	return [
		{
			displayName: 'Lead List Of',
			name: 'target',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Lead List', value: 'leadList', description: 'Choose the lead list' },
				{ name: 'Broadcast', value: 'broadcast', description: 'Use the lead list a broadcast calls (one more request per item)' },
			],
			default: 'leadList',
			displayOptions: showFor('lead', operation),
		},
		...leadListPicker(show('leadList')),
		...broadcastPicker(show('broadcast'), 'The broadcast whose lead list is meant (its Lead List, not its own ID, is sent to Smartflo)'),
	];
}

/**
 * The lead list ID the item's parameters point to; a broadcast is looked up for its `phone_number_list`,
 * once per broadcast when a `lookups` map (broadcast ID → lead list ID) is kept across items.
 */
export async function leadListIdOf(this: IExecuteFunctions, itemIndex: number, lookups?: Map<string, string>): Promise<string> {
	if (this.getNodeParameter('target', itemIndex) !== 'broadcast') return String(pickedValue.call(this, 'leadListId', itemIndex) ?? '');
	const broadcastId = String(pickedValue.call(this, 'broadcastId', itemIndex) ?? '');
	const known = lookups?.get(broadcastId);
	if (known !== undefined) return known;
	const broadcast = recordOf(
		await callEndpoint.call(this, SMARTFLO_ENDPOINTS.broadcast.get, { id: broadcastId }, itemIndex),
	) as IDataObject;
	const listId = broadcast.phone_number_list;
	if ((typeof listId !== 'string' && typeof listId !== 'number') || String(listId).trim() === '') {
		throw new NodeOperationError(
			this.getNode(),
			`Smartflo did not say which lead list broadcast ${String(broadcastId).slice(0, 40)} calls`,
			{
				itemIndex,
				description: 'Choose Lead List Of → Lead List and pick the list instead.',
			},
		);
	}
	lookups?.set(broadcastId, String(listId));
	return String(listId);
}
