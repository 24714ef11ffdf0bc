import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** The time zone chosen under Options (default Asia/Kolkata), as the catalogue's request builder takes it. */
export function timeZoneOf(this: IExecuteFunctions, itemIndex: number): BuildOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { timeZone: String(options.timeZone || DEFAULT_TIME_ZONE) };
}
