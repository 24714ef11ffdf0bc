import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '66f1c2a9e4b0d31a2c9f0e11',
		description: 'The lead_id of the lead, as Get Many or Add output it',
		displayOptions: showFor('lead', 'delete'),
	},
];

/** `DELETE /v1/broadcast/lead/{lead id}`. Outputs `deleted: true` and the lead ID. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = String(this.getNodeParameter('leadId', itemIndex)).trim();
	await callEndpoint.call(this, SMARTFLO_ENDPOINTS.lead.remove, { id }, itemIndex);
	return { deleted: true, lead_id: id };
}
