import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';

const show = showFor('dialer', 'getCallNotes');

export const description: INodeProperties[] = [
	{
		displayName: 'Customer Number',
		name: 'customerNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '9876543210',
		description: 'The customer whose calls’ notes are listed (10–15 digits)',
		displayOptions: show,
	},
	...returnAllAndLimit('dialer', 'getCallNotes'),
];

/**
 * `GET /v1/call/notes/{client_number}`, paged: one item per note, newest first, as Smartflo answers them
 * (`_id`, `calldate` in Mongo's extended JSON, `call_hint`, `notes.message`, `date`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, SMARTFLO_ENDPOINTS.dialer.callNotes, itemIndex, {
		client_number: this.getNodeParameter('customerNumber', itemIndex) as string,
	});
}
