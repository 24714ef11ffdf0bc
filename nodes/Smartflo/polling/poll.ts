import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../src/api/endpoints';
import { toSmartfloDateTime } from '../../../src/api/date-time';
import { callRecordFilterQuery } from '../actions/callRecord/getMany.operation';
import { timeZoneFrom } from '../actions/common/timeZone';
import { listEndpoint } from '../transport';
import { advancePoll, CROWDED_SECOND_LIMIT, planPoll, readPollState, writePollState, type PollSettings } from './cursor';
import { DEFAULT_LATE_RECORDS_MINUTES, DEFAULT_MAX_RECORDS_PER_POLL, MAX_LATE_RECORDS_MINUTES, MAX_RECORDS_PER_POLL } from './description';
import { callRecordEvent, type CallRecordEvent } from './events';

const endpoint = SMARTFLO_ENDPOINTS.callRecord.getMany;
const MINUTE_MS = 60_000;

interface TriggerSettings {
	event: CallRecordEvent;
	/** Smartflo's query parameters: the filters and the event's call type. */
	query: IDataObject;
	lateWindowMs: number;
	maxRecordsPerPoll: number;
	timeZone: string;
}

/**
 * One poll of `GET /v1/call/records` (see cursor.ts for what the static data holds). A manual test
 * returns the newest matching record instead and leaves the static data alone. A failed request throws
 * before anything is changed, so the next poll reads the same window again.
 */
export async function pollCallRecords(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const { timeZone } = settings;
	if (this.getMode() === 'manual') return [this.helpers.returnJsonArray([await latestRecord.call(this, settings)])];

	const node = this.getNode();
	const cursorSettings: PollSettings = {
		lateWindowMs: settings.lateWindowMs,
		accepts: settings.event.accepts,
		wallClock: (epochMs) => {
			const converted = toSmartfloDateTime(epochMs, timeZone);
			if (!converted.ok) throw new NodeOperationError(node, `Time Zone: ${converted.problem}`, { description: timeZoneHint });
			return converted.value;
		},
	};
	const staticData = this.getWorkflowStaticData('node');
	const previous = readPollState(staticData);
	const nowMs = Date.now();
	const step = planPoll(previous, nowMs, cursorSettings);
	const values = { ...settings.query, from_date: step.window.from, to_date: step.window.to };
	const limit = step.kind === 'crowdedSecond' ? CROWDED_SECOND_LIMIT : settings.maxRecordsPerPoll;
	const records = await listEndpoint.call(this, endpoint, values, limit, undefined, { timeZone });
	const read = { records, complete: records.length < limit };
	const { state, emitted } = advancePoll(step, previous, read, nowMs, cursorSettings);
	writePollState(staticData, state);
	return emitted.length > 0 ? [this.helpers.returnJsonArray(emitted)] : null;
}

/** The newest record of the event that matches the filters, so that a test shows real data. */
async function latestRecord(this: IPollFunctions, { event, query, timeZone }: TriggerSettings): Promise<IDataObject> {
	const records = await listEndpoint.call(this, endpoint, query, event.manualScan, undefined, { timeZone });
	const latest = records.find((record) => event.accepts(record));
	if (latest) return latest;
	throw new NodeOperationError(this.getNode(), `Smartflo has no call record for “${event.label}” with these filters yet`, {
		description:
			event.manualScan > 1
				? `None of the ${event.manualScan} newest answered calls that match has a recording. Place a test call, or change the filters, and test again. Once the workflow is active, each new record starts a run.`
				: 'Place a test call, or change the filters, and test again. Once the workflow is active, each new record starts a run.',
	});
}

const timeZoneHint = 'Use an IANA time zone such as Asia/Kolkata: the time zone of the Smartflo account.';

function readSettings(context: IPollFunctions): TriggerSettings {
	const node = context.getNode();
	const eventName = context.getNodeParameter('event', 'newCallRecord');
	const event = callRecordEvent(eventName);
	if (!event) throw new NodeOperationError(node, `Event "${String(eventName).slice(0, 40)}" is not one this trigger knows`);
	const filters = (context.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const options = (context.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const lateMinutes = wholeNumber(options.lateRecordsMinutes, DEFAULT_LATE_RECORDS_MINUTES);
	const maxRecords = wholeNumber(options.maxRecordsPerPoll, DEFAULT_MAX_RECORDS_PER_POLL);
	if (lateMinutes === undefined || lateMinutes < 1 || lateMinutes > MAX_LATE_RECORDS_MINUTES) {
		throw new NodeOperationError(node, `Late Records Window must be a whole number of minutes from 1 to ${MAX_LATE_RECORDS_MINUTES}`);
	}
	if (maxRecords === undefined || maxRecords < 1 || maxRecords > MAX_RECORDS_PER_POLL) {
		throw new NodeOperationError(node, `Max Records per Poll must be a whole number from 1 to ${MAX_RECORDS_PER_POLL}`);
	}
	return {
		event,
		query: { ...callRecordFilterQuery(filters), ...event.query },
		lateWindowMs: lateMinutes * MINUTE_MS,
		maxRecordsPerPoll: maxRecords,
		timeZone: timeZoneFrom(options),
	};
}

/** A number option: its default when unset, undefined when it is not a whole number. */
function wholeNumber(value: unknown, fallback: number): number | undefined {
	if (value === undefined || value === null || value === '') return fallback;
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}
