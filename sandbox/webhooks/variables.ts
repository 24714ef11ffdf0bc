import { formatIstDateTime } from '../ist-time';
import type { LifecycleEvent, SimulatedCall } from './lifecycle';

/** A variable's value for one event; null when it has none at this point of the call (Smartflo sends ""). */
export type VariableValue = string | Record<string, unknown> | Array<Record<string, unknown>> | null;

const BILLING_CIRCLE = Object.freeze({ operator: 'Airtel', circle: 'Karnataka' });
/** Q.850 causes as Smartflo names them. */
const HANGUP_CAUSES = {
	answered: { key: 'NORMAL_CLEARING', code: '16', description: 'Normal call clearing' },
	missed: { key: 'NO_ANSWER', code: '19', description: 'No answer' },
} as const;

/**
 * The values of Smartflo's `$variables` for one event of a call, as Smartflo sends them: text ("32",
 * "0"), IST wall-clock stamps, objects for agents and the billing circle, arrays for missed agents and
 * the call flow. Variables this sandbox does not know are not in the result, so they stay unresolved.
 */
export function variablesFor(call: SimulatedCall, event: LifecycleEvent): Record<string, VariableValue> {
	const ended = event.stage === 'hangup' || event.stage === 'disposition';
	const answered = call.answerMs !== null && event.atMs >= call.answerMs;
	const agentConnected = call.agentAnswerMs !== null && event.atMs >= call.agentAnswerMs;
	const inbound = call.kind === 'inbound';
	const customer = `+91${call.customerNumber}`;
	const agent = { id: call.agent.id, name: call.agent.name, number: call.agent.number };
	const talkSeconds = answered && ended ? seconds(call.endMs - (call.answerMs as number)) : 0;
	const missed = ended && call.outcome === 'missed';
	const cause = ended ? HANGUP_CAUSES[call.outcome] : null;

	return {
		uuid: call.uuid,
		call_id: call.callId,
		ref_id: call.refId,
		custom_identifier: call.customIdentifier,
		call_to_number: inbound ? call.did : call.customerNumber,
		caller_id_number: inbound ? call.customerNumber : call.did,
		customer_no_with_prefix: customer,
		direction: { inbound: 'inbound', clickToCall: 'clicktocall', clickToCallSupport: 'click_to_call', dialer: 'outbound' }[call.kind],
		call_status: ended ? call.outcome : answered ? 'answered' : null,
		status: ended ? (call.outcome === 'answered' ? 'Answered' : 'Missed') : answered ? 'Answered' : null,
		start_stamp: formatIstDateTime(call.startMs),
		answer_stamp: answered ? formatIstDateTime(call.answerMs as number) : null,
		end_stamp: ended ? formatIstDateTime(call.endMs) : null,
		duration: ended ? String(seconds(call.endMs - call.startMs)) : null,
		billsec: ended ? String(talkSeconds) : null,
		outbound_sec: ended ? String(inbound ? 0 : talkSeconds) : null,
		agent_ring_time: ended ? String(seconds((call.agentAnswerMs ?? call.answerMs ?? call.endMs) - call.startMs)) : null,
		customer_ring_time: ended && !inbound ? String(seconds((call.answerMs ?? call.endMs) - (call.agentAnswerMs ?? call.startMs))) : null,
		agent_transfer_ring_time: ended ? '0' : null,
		answered_agent: answered || agentConnected ? agent : null,
		answered_agent_name: answered || agentConnected ? agent.name : null,
		answered_agent_number: answered || agentConnected ? agent.number : null,
		answer_agent_number: answered || agentConnected ? agent.number : null,
		missed_agent: missed && inbound ? [{ ...agent, agent_number: agent.number.slice(-10) }] : null,
		call_flow: ended ? callFlow(call) : null,
		digits_dialed: call.digits === '' ? null : call.digits,
		digit_pressed: event.digit ?? null,
		date: event.stage === 'dtmf' ? formatIstDateTime(event.atMs) : null,
		recording_url: ended && answered ? call.recordingUrl : null,
		recording_name: ended && answered ? `${call.uuid}.mp3` : null,
		aws_call_recording_identifier: ended && answered ? `${call.uuid}.mp3` : null,
		call_connected: ended ? (call.outcome === 'answered' ? '1' : '0') : null,
		billing_circle: { ...BILLING_CIRCLE },
		campaign_id: call.kind === 'dialer' ? '3051' : null,
		campaign_name: call.kind === 'dialer' ? 'renewals' : null,
		broadcast_lead_fields: call.kind === 'dialer' ? { field_0: call.customerNumber, field_1: 'Sandbox lead' } : null,
		reason_key: cause?.key ?? null,
		hangup_cause: cause?.key ?? null,
		hangup_cause_key: cause?.key ?? null,
		hangup_cause_code: cause?.code ?? null,
		hangup_cause_description: cause?.description ?? null,
	};
}

function seconds(milliseconds: number): number {
	return Math.max(0, Math.round(milliseconds / 1000));
}

function callFlow(call: SimulatedCall): Array<Record<string, unknown>> {
	const at = (ms: number) => Math.floor(ms / 1000);
	const legStatus = call.outcome === 'answered' ? 'ANSWER' : 'NOANSWER';
	return [
		{ type: 'init', num: call.did, name: 'Init', dialst: '', time: at(call.startMs) },
		{
			type: call.kind === 'inbound' ? 'Agent' : 'ClickToCall',
			num: call.agent.number,
			name: call.agent.name,
			dialst: legStatus,
			time: at(call.answerMs ?? call.endMs),
		},
		{ type: 'hangup', num: '', name: 'Hangup', dialst: '', time: at(call.endMs) },
	];
}
