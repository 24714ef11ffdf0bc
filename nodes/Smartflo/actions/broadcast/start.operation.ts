import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';
import { broadcastPicker, pickedValue } from '../common/pickers';
import { timeZoneOf, timeZoneOption } from '../common/timeZone';

const show = showFor('broadcast', 'start');

export const description: INodeProperties[] = [
	...broadcastPicker(show, 'The broadcast to start; its lead list needs at least one lead'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'End',
				name: 'end',
				type: 'dateTime',
				default: '',
				description: 'When the broadcast stops calling, instead of the end it was created with',
			},
			{
				displayName: 'Start',
				name: 'start',
				type: 'dateTime',
				default: '',
				description: 'When the broadcast starts calling, instead of the start it was created with',
			},
			timeZoneOption,
		],
	},
];

/** `GET /v1/broadcast/start/{id}`. Outputs `success` and `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const values = {
		id: pickedValue.call(this, 'broadcastId', itemIndex),
		...apiFields(options, { start: 'start_date_time', end: 'end_date_time' }),
	};
	return (await callEndpoint.call(
		this,
		SMARTFLO_ENDPOINTS.broadcast.start,
		values,
		itemIndex,
		timeZoneOf.call(this, itemIndex),
	)) as IDataObject;
}
