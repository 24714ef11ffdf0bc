import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIME_ZONE, type BuildOptions } from '../../../../src/api/endpoints';

/** The Options entry for the account's time zone, which Smartflo's wall-clock dates are in. */
export const timeZoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: DEFAULT_TIME_ZONE,
	placeholder: DEFAULT_TIME_ZONE,
	description:
		'The Smartflo account’s time zone (IANA name). Dates are sent to Smartflo as wall-clock times in it, and Smartflo’s own times are in it too.',
};

/** The time zone set in an Options collection, or the default (Asia/Kolkata). */
export function timeZoneFrom(options: IDataObject): string {
	return String(options.timeZone || DEFAULT_TIME_ZONE).trim();
}

/** The time zone chosen under Options, as the catalogue's request builder takes it. */
export function timeZoneOf(this: IExecuteFunctions, itemIndex: number): BuildOptions {
	return { timeZone: timeZoneFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject) };
}

/**
 * From / To parameters (`fromDate`, `toDate`) in the account's time zone, e.g. for "Only calls that
 * started" or "Callbacks due". Optional ones say that empty means no bound.
 */
export function dateRangeProperties(displayOptions: IDisplayOptions, subject: string, { required = false } = {}): INodeProperties[] {
	const bound = (which: 'lower' | 'upper') => (required ? '' : ` Empty = no ${which} bound.`);
	return [
		{
			displayName: 'From',
			name: 'fromDate',
			type: 'dateTime',
			default: '',
			required,
			description: `${subject} at or after this time (in the time zone under Options).${bound('lower')}`,
			displayOptions,
		},
		{
			displayName: 'To',
			name: 'toDate',
			type: 'dateTime',
			default: '',
			required,
			description: `${subject} at or before this time (in the time zone under Options).${bound('upper')}`,
			displayOptions,
		},
	];
}
