import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';

export const description: INodeProperties[] = [
	...returnAllAndLimit('lead', 'getDnd'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('lead', 'getDnd'),
		options: [
			{ displayName: 'DND List ID', name: 'listId', type: 'string', default: '', description: 'Only the numbers of this DND list' },
		],
	},
];

/** `GET /v1/broadcast/dnd/leads`, following `last_seen_id` until `hasMore` is false: one item per number. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await getList.call(this, SMARTFLO_ENDPOINTS.lead.dnd, itemIndex, apiFields(filters, { listId: 'list_id' }));
}
