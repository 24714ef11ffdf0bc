import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { destinationOf, destinationProperties } from '../common/destination';
import { apiFields, requireSomethingToUpdate } from '../common/fields';
import { showFor } from '../common/operation';
import { dropdown, picker, pickedValue } from '../common/pickers';

const show = showFor('myNumber', 'update');

export const description: INodeProperties[] = [
	...picker('myNumber', dropdown('Number', 'numberId', 'getMyNumbers', 'The number (DID) to change', show), 'The number (DID) to change'),
	...destinationProperties('myNumber', 'update', {
		types: ['agent', 'ivr', 'department', 'auto_attend', 'time_condition', 'api_dialplan', 'custom_dialplan', 'hangup'],
		keepCurrent: true,
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The name the number is shown with' },
			{
				displayName: 'SMS Template IDs',
				name: 'smsTemplates',
				type: 'string',
				default: '',
				placeholder: '35642, 35643',
				description: 'Comma-separated IDs of SMS templates for the number',
			},
		],
	},
];

/** `PUT /v1/my_number/{id}`; the destination is sent as Smartflo's `type||id`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const values: IDataObject = {
		...apiFields(fields, { name: 'name', description: 'description', smsTemplates: 'sms_template' }),
		destination: destinationOf.call(this, itemIndex),
	};
	requireSomethingToUpdate(this.getNode(), values, itemIndex, 'Choose a Destination Type, or add a field under Update Fields.');
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.myNumber.update,
		{ id: pickedValue.call(this, 'numberId', itemIndex), ...values },
		itemIndex,
	)) as IDataObject;
}
