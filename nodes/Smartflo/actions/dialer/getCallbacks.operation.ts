import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';
import { dateRangeProperties, timeZoneOf, timeZoneOption } from '../common/timeZone';

const show = showFor('dialer', 'getCallbacks');

export const description: INodeProperties[] = [
	...dateRangeProperties(show, 'Callbacks due', { required: true }),
	...returnAllAndLimit('dialer', 'getCallbacks'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [timeZoneOption],
	},
];

/** `GET /v1/dialer/schedule_call` (`{ ok, message, data }`): one item per callback, soonest first (`status` 0 pending, 1 in progress, 2 done). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const range = {
		from_date: this.getNodeParameter('fromDate', itemIndex) as string,
		to_date: this.getNodeParameter('toDate', itemIndex) as string,
	};
	return await getList.call(this, SMARTFLO_ENDPOINTS.dialer.callbacks, itemIndex, range, timeZoneOf.call(this, itemIndex));
}
