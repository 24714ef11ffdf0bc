import type { ScheduledCallback } from '../callbacks';
import type { ApiRoute } from '../context';
import { formatIstDateTime } from '../ist-time';
import { isValidCustomerNumber } from '../phone';
import { ok, type Reply } from '../replies';
import { Validator } from '../validation';
import { scalarParams } from '../query-params';

/** The dialer's callback endpoints answer `{ ok, message, data }`, and refuse with `ok: false` and HTTP 200. */
function notOk(message: string): Reply {
	return ok({ ok: false, message });
}

export const scheduleCallbackRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/dialer/schedule_call',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		const customerName = input.optionalText('customer_name') ?? null;
		const customerNumber = input.required('customer_number');
		const scheduledAt = input.requiredDateTime('schedule_date_time');
		const agentId = input.required('assigned_to');
		const reminder = input.optionalBoolean('reminder_schedule_callbacks') ?? false;
		const reminderMinutes = input.optionalInteger('reminder_time', { min: 1 }) ?? null;
		const expiresAfterMinutes = input.optionalInteger('call_end_min', { min: 1 }) ?? null;
		const inboundQueue = input.optionalInteger('inbound_queue', { min: 1 }) ?? null;
		if (customerNumber !== undefined && !isValidCustomerNumber(customerNumber))
			input.invalid('customer_number', 'The customer number format is invalid.');
		if (input.failed || customerNumber === undefined || scheduledAt === undefined || agentId === undefined) return input.reply();
		const agent = state.directory.agentById(agentId);
		if (!agent) return notOk('Agent not found');
		if (scheduledAt <= Date.now()) return notOk('The schedule date time must be a date after now.');
		const created = state.callbacks.add({
			agent,
			customerName,
			customerNumber,
			scheduledAt,
			reminder,
			reminderMinutes,
			expiresAfterMinutes,
			inboundQueue,
		});
		return ok({ ok: true, message: 'Callback scheduled successfully', data: toWire(created) });
	},
};

/** Callbacks due between from_date and to_date (both required, IST wall-clock), soonest first. */
export const callbacksRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/dialer/schedule_call',
	auth: 'bearer',
	handle({ state, query }) {
		const input = new Validator(scalarParams(query));
		const from = input.requiredDateTime('from_date');
		const to = input.requiredDateTime('to_date');
		// Smartflo's dialer answers a backwards range with ok:false rather than Laravel's 422.
		if (from !== undefined && to !== undefined && to < from) return notOk('The to date must be a date after or equal to from date.');
		if (input.failed || from === undefined || to === undefined) return input.reply();
		return ok({ ok: true, message: 'Scheduled callbacks fetched successfully', data: state.callbacks.between(from, to).map(toWire) });
	},
};

function toWire(callback: ScheduledCallback) {
	return {
		id: callback.id,
		agent_id: callback.agent.agent.id,
		agent_name: callback.agent.name,
		customer_name: callback.customerName,
		customer_number: callback.customerNumber,
		schedule_date_time: formatIstDateTime(callback.scheduledAt),
		status: callback.status,
		reminder_schedule_callbacks: Number(callback.reminder),
		reminder_time: callback.reminderMinutes,
		call_end_min: callback.expiresAfterMinutes,
		inbound_queue: callback.inboundQueue,
		created_at: formatIstDateTime(callback.createdAt),
	};
}
