import type { Broadcast } from '../campaigns';
import type { ApiRoute, SandboxState } from '../context';
import { isDestinationFormat, resolveDestination } from '../destination';
import { formatIstDateTime, parseIstDateTime } from '../ist-time';
import { numericId, scalarParams } from '../query-params';
import { ok, refused } from '../replies';
import { Validator } from '../validation';

const DEFAULT_LIMIT = 20;
const MIN_TIMEOUT_SECONDS = 40;
const MAX_RETRIES = 5;
const NOT_FOUND = 'Broadcast not found';

/** `/v2/broadcasts`, paged with `page`/`limit` (capped by maxPageSize): `{ success, count, limit, page, data }`. */
export const broadcastsRoute: ApiRoute = {
	method: 'GET',
	path: '/v2/broadcasts',
	auth: 'bearer',
	handle({ state, query }) {
		const input = new Validator(scalarParams(query));
		const page = input.optionalInteger('page', { min: 1 }) ?? 1;
		const requestedLimit = input.optionalInteger('limit', { min: 1 }) ?? DEFAULT_LIMIT;
		const broadcastId = input.optionalInteger('broadcast_id', { min: 1 });
		if (input.failed) return input.reply();
		let matching = [...state.campaigns.broadcasts()];
		if (broadcastId !== undefined) {
			matching = matching.filter((broadcast) => broadcast.id === broadcastId);
			if (matching.length === 0) return refused(NOT_FOUND);
		}
		const limit = Math.min(requestedLimit, state.config.maxPageSize);
		const data = matching.slice((page - 1) * limit, page * limit).map((broadcast) => toWire(state, broadcast));
		return ok({ success: true, count: matching.length, limit, page, data });
	},
};

/** One broadcast, `{ success, data }`; an unknown id is refused with HTTP 200. */
export const broadcastRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/{id}',
	auth: 'bearer',
	handle({ state, params }) {
		const broadcast = findBroadcast(state, params.id);
		return broadcast ? ok({ success: true, data: toWire(state, broadcast) }) : refused(NOT_FOUND);
	},
};

export const createBroadcastRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/broadcast',
	auth: 'bearer',
	handle({ state, body }) {
		const { campaigns, directory } = state;
		const input = new Validator(body);
		const name = input.required('name');
		const description = input.optionalText('description') ?? '';
		const listId = input.required('phone_number_list');
		const destination = input.required('destination');
		const timeoutSeconds = input.optionalInteger('timeout', { min: MIN_TIMEOUT_SECONDS }) ?? MIN_TIMEOUT_SECONDS;
		const concurrentLimit = input.optionalInteger('concurrent_limit', { min: 1 }) ?? 1;
		const callerIdNumber = input.optionalText('caller_id_number') ?? null;
		const retries = input.optionalInteger('number_of_retry', { min: 0, max: MAX_RETRIES }) ?? 0;
		const retryAfter = input.optionalIntegerList('retry_after_minutes', { min: 1, max: 1440 }, true);
		const dialStatuses = input.optionalIntegerList('dialstatus', { min: 1, max: 5 }) ?? [1, 2, 3, 4, 5];
		const retryDialStatuses = input.optionalIntegerList('retry_dialstatus', { min: 1, max: 5 }) ?? [];
		const { from: start, to: end } = input.optionalDateRange('start_date_time', 'end_date_time');
		const timeGroup = input.optionalInteger('time_group', { min: 1 });
		if (name !== undefined && campaigns.broadcasts().some((broadcast) => broadcast.name.toLowerCase() === name.toLowerCase())) {
			input.invalid('name', 'The name has already been taken.');
		}
		const list = listId === undefined ? undefined : campaigns.leadList(Number(listId));
		if (listId !== undefined && !list) input.invalid('phone_number_list', 'The selected phone number list is invalid.');
		if (destination !== undefined && !isDestinationFormat(destination)) input.invalid('destination', 'The destination format is invalid.');
		if (callerIdNumber !== null && !directory.findDid(callerIdNumber))
			input.invalid('caller_id_number', 'The selected caller id number is invalid.');
		if (timeGroup !== undefined && !directory.timeGroups.some((group) => group.id === timeGroup))
			input.invalid('time_group', 'The selected time group is invalid.');
		if (input.failed || name === undefined || destination === undefined || !list) return input.reply();
		if (!resolveDestination(directory, destination)) return refused('Destination not found');

		const created = campaigns.createBroadcast({
			name,
			description,
			listId: list.id,
			destination: destination.trim(),
			timeoutSeconds,
			concurrentLimit,
			callerIdNumber,
			retries,
			retryAfterMinutes: retryAfter === undefined ? null : Array.isArray(body.retry_after_minutes) ? retryAfter : retryAfter[0],
			dialStatuses,
			retryDialStatuses,
			startDateTime: start === undefined ? null : formatIstDateTime(start),
			endDateTime: end === undefined ? null : formatIstDateTime(end),
			timeGroupId: timeGroup ?? null,
		});
		return ok({ success: true, message: 'Broadcast created successfully', broadcast_id: created.id });
	},
};

/** Starts a broadcast (status 1), optionally for a window given in the query. */
export const startBroadcastRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/start/{id}',
	auth: 'bearer',
	handle({ state, params, query }) {
		const input = new Validator(scalarParams(query));
		const { from: start, to: end } = input.optionalDateRange('start_date_time', 'end_date_time');
		if (input.failed) return input.reply();
		const broadcast = findBroadcast(state, params.id);
		if (!broadcast) return refused(NOT_FOUND);
		if (broadcast.status === 1) return refused('Broadcast is already running');
		if (state.campaigns.leadsOf(broadcast.listId).length === 0) return refused('The lead list of this broadcast has no leads');
		const endsAt = end ?? (broadcast.endDateTime === null ? undefined : parseIstDateTime(broadcast.endDateTime));
		if (endsAt !== undefined && endsAt < Date.now()) return refused('The end date time of this broadcast has passed');
		if (start !== undefined) broadcast.startDateTime = formatIstDateTime(start);
		if (end !== undefined) broadcast.endDateTime = formatIstDateTime(end);
		broadcast.status = 1;
		return ok({ success: true, message: 'Broadcast started successfully' });
	},
};

/** Ends a running or paused broadcast (status 0). */
export const endBroadcastRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/end/{id}',
	auth: 'bearer',
	handle({ state, params }) {
		const broadcast = findBroadcast(state, params.id);
		if (!broadcast) return refused(NOT_FOUND);
		if (broadcast.status === 0) return refused('Broadcast is not running');
		broadcast.status = 0;
		return ok({ success: true, message: 'Broadcast ended successfully' });
	},
};

function findBroadcast(state: SandboxState, id: string): Broadcast | undefined {
	return state.campaigns.broadcast(numericId(id));
}

function toWire(state: SandboxState, broadcast: Broadcast) {
	const list = state.campaigns.leadList(broadcast.listId);
	return {
		id: broadcast.id,
		name: broadcast.name,
		description: broadcast.description,
		status: broadcast.status,
		phone_number_list: String(broadcast.listId),
		lead_list_name: list?.name ?? null,
		total_leads: state.campaigns.leadsOf(broadcast.listId).length,
		destination: broadcast.destination,
		timeout: broadcast.timeoutSeconds,
		concurrent_limit: broadcast.concurrentLimit,
		caller_id_number: broadcast.callerIdNumber,
		number_of_retry: broadcast.retries,
		retry_after_minutes: broadcast.retryAfterMinutes,
		dialstatus: broadcast.dialStatuses,
		retry_dialstatus: broadcast.retryDialStatuses,
		start_date_time: broadcast.startDateTime,
		end_date_time: broadcast.endDateTime,
		time_group: broadcast.timeGroupId === null ? null : String(broadcast.timeGroupId),
		// Epoch seconds, as Smartflo's broadcast list has it.
		created_at: Math.floor(broadcast.createdAt / 1000),
	};
}
