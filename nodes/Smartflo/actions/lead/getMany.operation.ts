import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';
import { leadListIdOf, leadListTargetProperties } from './target';

export const description: INodeProperties[] = [
	...leadListTargetProperties('getMany'),
	...returnAllAndLimit('lead', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('lead', 'getMany'),
		options: [
			{ displayName: 'Phone Number', name: 'number', type: 'string', default: '', description: 'Only leads with this phone number' },
		],
	},
];

/** `GET /v1/broadcast/leads/{lead list id}` (a bare array): one item per lead, `lead_id`, `field_0`… and Mongo dates. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const id = await leadListIdOf.call(this, itemIndex);
	return await getList.call(this, SMARTFLO_ENDPOINTS.lead.getMany, itemIndex, { id, number: filters.number });
}
