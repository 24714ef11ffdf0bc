import type { CallRecord } from '../call-record';
import type { ApiRoute } from '../context';
import { digitsOf, isSameNumber } from '../phone';
import { listParam, scalarParams } from '../query-params';
import { localRecordingUrl } from '../recordings';
import { ok } from '../replies';
import { Validator } from '../validation';

const DEFAULT_LIMIT = 20;
const OPERATORS = ['=', '>', '<', '>=', '<=', '!='] as const;
type Operator = (typeof OPERATORS)[number];

type RecordFilter = (record: CallRecord) => boolean;

const COMPARE: Record<Operator, (left: number, right: number) => boolean> = {
	'=': (left, right) => left === right,
	'>': (left, right) => left > right,
	'<': (left, right) => left < right,
	'>=': (left, right) => left >= right,
	'<=': (left, right) => left <= right,
	'!=': (left, right) => left !== right,
};

/**
 * Call detail records, newest first, paged with `page`/`limit` (limit capped by maxPageSize).
 * Without `from_date`/`to_date` the window is unbounded.
 */
export const callRecordsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/call/records',
	auth: 'bearer',
	handle({ state, query, headers }) {
		const input = new Validator(scalarParams(query));
		const { from, to } = input.optionalDateRange('from_date', 'to_date');
		const page = input.optionalInteger('page', { min: 1 }) ?? 1;
		const requestedLimit = input.optionalInteger('limit', { min: 1 }) ?? DEFAULT_LIMIT;
		const callType = input.optionalChoice('call_type', ['c', 'm']);
		const direction = input.optionalChoice('direction', ['inbound', 'outbound']);
		const duration = input.optionalInteger('duration', { min: 0 });
		const operator = input.optionalChoice('operator', OPERATORS) ?? '=';
		const callerId = input.optionalText('callerid');
		const destination = input.optionalText('destination');
		const didNumber = input.optionalText('did_number');
		const services = input.optionalText('services');
		const broadcast = input.optionalText('broadcast');
		const callId = input.optionalText('call_id');
		if (input.failed) return input.reply();

		const filters: RecordFilter[] = [];
		// Smartflo keeps a call's start to the second (`date`, `time`) and compares that.
		if (from !== undefined) filters.push((record) => startSecond(record) >= from);
		if (to !== undefined) filters.push((record) => startSecond(record) <= to);
		if (callType) filters.push((record) => record.wire.status === (callType === 'c' ? 'answered' : 'missed'));
		if (direction) filters.push((record) => record.wire.direction === direction);
		if (duration !== undefined) filters.push((record) => COMPARE[operator](record.wire.call_duration, duration));
		if (callerId) filters.push((record) => endsWithNumber(record.wire.client_number, callerId));
		if (destination) filters.push((record) => endsWithNumber(calledNumber(record), destination));
		if (didNumber) filters.push((record) => isSameNumber(record.wire.did_number, didNumber));
		if (services) {
			const wanted = new Set(services.split(',').map((service) => service.trim().toLowerCase()));
			filters.push((record) => wanted.has(record.wire.service.toLowerCase()));
		}
		const agents = listParam(query, 'agents').map((value) => value.replace(/^agent\|/, ''));
		if (agents.length > 0) filters.push((record) => agents.includes(record.agentId));
		const departments = listParam(query, 'department');
		if (departments.length > 0) filters.push((record) => departments.includes(String(record.departmentId)));
		const ivrs = listParam(query, 'ivr');
		if (ivrs.length > 0) filters.push((record) => ivrs.includes(String(record.ivrId)));
		if (broadcast) filters.push((record) => record.broadcastName?.toLowerCase() === broadcast.toLowerCase());
		if (callId) filters.push((record) => record.wire.call_id === callId);

		const matching = state.calls.callRecords().filter((record) => filters.every((filter) => filter(record)));
		const limit = Math.min(requestedLimit, state.config.maxPageSize);
		const results = matching
			.slice((page - 1) * limit, page * limit)
			.map((record) => ({ ...record.wire, recording_url: localRecordingUrl(record.wire.recording_url, headers.host) }));
		return ok({ count: matching.length, limit, size: results.length, page, results });
	},
};

function startSecond(record: CallRecord): number {
	return Math.floor(record.startedAt / 1000) * 1000;
}

/** The number the call was placed to: the customer for outbound calls, the DID for inbound ones. */
function calledNumber(record: CallRecord): string {
	return record.wire.direction === 'outbound' ? record.wire.client_number : record.wire.did_number;
}

/** Numbers match on their last 10 digits; shorter search values match as a suffix. */
function endsWithNumber(number: string, search: string): boolean {
	const wanted = digitsOf(search).slice(-10);
	return wanted.length > 0 && digitsOf(number).endsWith(wanted);
}
