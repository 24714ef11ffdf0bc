import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { requireSomethingToUpdate } from '../common/fields';
import { showFor } from '../common/operation';
import { campaignValues, mainFields, optionalFields, outboundCallerIdPicker } from './campaignFields';
import { campaignIdField } from './fields';

const show = showFor('dialer', 'updateCampaign');

export const description: INodeProperties[] = [
	campaignIdField(show, 'The dialer campaign to change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [...Object.values(mainFields), ...outboundCallerIdPicker(), ...optionalFields({ create: false })].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/** `PUT /v1/dialer/campaign/{id}` with the fields set; the others keep their values. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = campaignValues.call(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex, 'updateFields');
	requireSomethingToUpdate(this.getNode(), values, itemIndex, 'Add at least one field under Update Fields.');
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.dialer.updateCampaign,
		{ id: this.getNodeParameter('campaignId', itemIndex) as string, ...values },
		itemIndex,
	)) as IDataObject;
}
