import type { IDataObject } from 'n8n-workflow';

import { literalProperty, type OptionValue } from '../actions/common/operation';

export const eventProperty = literalProperty({
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'New Answered Call',
			value: 'newAnsweredCall',
			description: 'A call someone answered has ended',
		},
		{
			name: 'New Call Record',
			value: 'newCallRecord',
			description: 'Any call has ended: answered or missed, inbound or outbound',
		},
		{
			name: 'New Missed Call',
			value: 'newMissedCall',
			description: 'A call nobody answered has ended',
		},
		{
			name: 'New Recording',
			value: 'newRecording',
			description: 'An answered call has a recording (its recording_url)',
		},
	],
	default: 'newCallRecord',
});

export type CallRecordEventName = OptionValue<typeof eventProperty>;

export interface CallRecordEvent {
	/** As the editor lists it. */
	label: string;
	/** What it adds to the request: Smartflo's own filter. */
	query: IDataObject;
	/** Whether a record Smartflo returned is one (for what Smartflo cannot filter). */
	accepts(record: IDataObject): boolean;
	/** How many of the newest matching records a manual test looks through for one it accepts. */
	manualScan: number;
}

const always = () => true;

export const CALL_RECORD_EVENTS: Record<CallRecordEventName, CallRecordEvent> = {
	newCallRecord: { label: 'New Call Record', query: {}, accepts: always, manualScan: 1 },
	newAnsweredCall: { label: 'New Answered Call', query: { call_type: 'c' }, accepts: always, manualScan: 1 },
	newMissedCall: { label: 'New Missed Call', query: { call_type: 'm' }, accepts: always, manualScan: 1 },
	newRecording: { label: 'New Recording', query: { call_type: 'c' }, accepts: hasRecording, manualScan: 100 },
};

/** A record whose recording Smartflo has stored: its pre-signed recording_url is set. */
function hasRecording(record: IDataObject): boolean {
	return typeof record.recording_url === 'string' && record.recording_url.trim() !== '';
}

/** The event the parameter names; an unknown value (an old or edited workflow) is refused by the caller. */
export function callRecordEvent(name: unknown): CallRecordEvent | undefined {
	return Object.hasOwn(CALL_RECORD_EVENTS, String(name)) ? CALL_RECORD_EVENTS[name as CallRecordEventName] : undefined;
}
