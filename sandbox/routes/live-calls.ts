import { liveCallState, SIP_DOMAIN, type LiveCall } from '../calls';
import type { ApiRoute } from '../context';
import { formatElapsed, formatIstDateTime } from '../ist-time';
import { isSameNumber } from '../phone';
import { ok } from '../replies';

/** Calls in progress: a bare array, filterable by agent, extension, DID and call id. */
export const liveCallsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/live_calls',
	auth: 'bearer',
	handle({ state, query }) {
		const now = Date.now();
		const param = (name: string) => query.get(name)?.trim() || undefined;
		const agentNumber = param('agent_number');
		const extension = param('extension');
		const didNumber = param('did_number');
		const callId = param('call_id');
		const agent = agentNumber === undefined ? undefined : state.directory.findAgent(agentNumber);

		const calls = state.calls
			.liveCalls(now)
			.filter(
				(call) =>
					(agentNumber === undefined || call.user === agent) &&
					(extension === undefined || call.user.agent.extension === extension || call.user.agent.intercom === extension) &&
					(didNumber === undefined || isSameNumber(call.did.did, didNumber)) &&
					(callId === undefined || call.callId === callId),
			);
		return ok(calls.map((call) => toWire(call, state.directory.accountId, now)));
	},
};

function toWire(call: LiveCall, accountId: number, now: number) {
	return {
		id: call.id,
		user_id: call.user.id,
		client_id: accountId,
		call_id: call.callId,
		direction: call.direction,
		source: call.source,
		type: call.type,
		did: call.did.did,
		multiple_destination_type: call.destinationType,
		multiple_destination_name: call.destinationName,
		destination: call.destination,
		state: liveCallState(call, now),
		queue_state: call.queueState,
		channel_id: call.channelId,
		created_at: formatIstDateTime(call.createdAt),
		sip_domain: SIP_DOMAIN,
		broadcast_id: null,
		broadcast_no: null,
		call_time: formatElapsed((now - call.createdAt) / 1000),
		agent_name: call.user.name,
		customer_number: call.customerNumber,
	};
}
