import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint, endpointRequest, withItemIndex } from '../../transport';
import { showFor } from '../common/operation';
import { errorJson } from '../common/errorJson';
import { leadFieldProperties, leadValuesOf } from './fields';
import { leadListIdOf, leadListTargetProperties } from './target';

const { add, addMany } = SMARTFLO_ENDPOINTS.lead;

const MAX_BATCH_SIZE = 1000;

export const description: INodeProperties[] = [
	...leadListTargetProperties('createMany'),
	...leadFieldProperties('createMany'),
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
		default: 100,
		description: `How many leads each request carries (at most ${MAX_BATCH_SIZE}). Each input item is one lead: set its fields with expressions that read the item.`,
		displayOptions: showFor('lead', 'createMany'),
	},
];

interface PreparedLead {
	itemIndex: number;
	listId: string;
	fields: IDataObject;
	duplicateOption?: unknown;
	skillId?: unknown;
}

/**
 * `POST /v1/broadcast/leads/{lead list id}`: every input item is one lead, sent in batches of Batch Size
 * per lead list. One output item per batch (`success`, `message`, `batch_id`, `list_id`, `leads`), paired
 * with the items it carried. A batch takes If Already There and Skill ID from its first item. With
 * Continue On Fail an invalid lead, or each lead of a refused batch, outputs an error item in its place.
 */
export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const output: INodeExecutionData[] = [];
	const failed = (itemIndex: number, error: unknown) => {
		if (!this.continueOnFail()) throw withItemIndex(node, error, itemIndex);
		output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
	};

	const broadcastLists = new Map<string, string>();
	const byList = new Map<string, PreparedLead[]>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const lead = await prepareLead.call(this, itemIndex, broadcastLists);
			byList.set(lead.listId, [...(byList.get(lead.listId) ?? []), lead]);
		} catch (error) {
			failed(itemIndex, error);
		}
	}

	const batchSize = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(Number(this.getNodeParameter('batchSize', 0, 100)) || 100)));
	for (const [listId, leads] of byList) {
		for (let start = 0; start < leads.length; start += batchSize) {
			const batch = leads.slice(start, start + batchSize);
			const [first] = batch;
			try {
				const values = {
					id: listId,
					data: batch.map((lead) => lead.fields),
					duplicate_option: first.duplicateOption,
					skill_id: first.skillId,
				};
				const answer = (await callEndpoint.call(this, addMany, values, first.itemIndex)) as IDataObject;
				output.push({
					json: { ...answer, list_id: listId, leads: batch.length },
					pairedItem: batch.map((lead) => ({ item: lead.itemIndex })),
				});
			} catch (error) {
				for (const lead of batch) failed(lead.itemIndex, error);
			}
		}
	}
	return output;
}

/** The item's lead, checked as Add would check it, and the list it goes to (each broadcast is looked up once). */
async function prepareLead(this: IExecuteFunctions, itemIndex: number, broadcastLists: Map<string, string>): Promise<PreparedLead> {
	const values = leadValuesOf.call(this, itemIndex);
	const checked = endpointRequest(this.getNode(), add, { id: '-', ...values }, itemIndex);
	// If Already There and Skill ID go with the batch; each lead is checked by the single-lead rules.
	const { duplicate_option: _duplicate, skill_id: _skill, ...fields } = checked.body ?? {};
	const listId = await leadListIdOf.call(this, itemIndex, broadcastLists);
	return { itemIndex, listId, fields, duplicateOption: values.duplicate_option, skillId: values.skill_id };
}
