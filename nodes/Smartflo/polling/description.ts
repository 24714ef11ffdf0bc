import type { INodeProperties } from 'n8n-workflow';

import { callRecordFilters } from '../actions/callRecord/getMany.operation';
import { timeZoneOption } from '../actions/common/timeZone';
import { eventProperty } from './events';

/** A call's record appears when the call ends; an hour covers calls up to about an hour long. */
export const DEFAULT_LATE_RECORDS_MINUTES = 60;
export const MAX_LATE_RECORDS_MINUTES = 24 * 60;
/** Ten requests of 100 records. */
export const DEFAULT_MAX_RECORDS_PER_POLL = 1000;
export const MAX_RECORDS_PER_POLL = 5000;

export const properties: INodeProperties[] = [
	eventProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only call records that match, as in Call Record → Get Many of the Smartflo node',
		// The event chooses answered or missed calls.
		options: callRecordFilters.filter((filter) => filter.name !== 'callType'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Records Window (Minutes)',
				name: 'lateRecordsMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_LATE_RECORDS_MINUTES },
				default: DEFAULT_LATE_RECORDS_MINUTES,
				description:
					'Each poll looks again at calls that started this long before the previous poll, because Smartflo writes a call’s record when the call ends (and a few seconds later). A record that appears up to this long after its call started starts one run; one that takes longer is missed.',
			},
			{
				displayName: 'Max Records per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_RECORDS_PER_POLL },
				default: DEFAULT_MAX_RECORDS_PER_POLL,
				description:
					'The most call records one poll reads, in pages of 100, records already emitted within the late-records window included. When there are more, the rest is read on the next polls; none is skipped.',
			},
			timeZoneOption,
		],
	},
];
