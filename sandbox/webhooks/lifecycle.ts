import type { SmartfloTriggerId } from '../../src/webhooks/triggers';
import type { CallKind, CallOutcome } from './types';

export interface AgentFacts {
	id: string;
	name: string;
	/** The agent's phone, e.g. +919812345678. */
	number: string;
}

/** Everything the webhooks of one simulated call are made from. */
export interface SimulatedCall {
	kind: CallKind;
	outcome: CallOutcome;
	uuid: string;
	callId: string;
	refId: string | null;
	customIdentifier: string | null;
	/** The customer's national number, 10 digits. */
	customerNumber: string;
	/** The DID, e.g. 918069123456. */
	did: string;
	agent: AgentFacts;
	/** Keys pressed in the IVR, inbound calls only. */
	digits: string;
	startMs: number;
	/** When the agent's leg was picked up (click to call rings the agent first). */
	agentAnswerMs: number | null;
	/** When the conversation started; null when missed. */
	answerMs: number | null;
	endMs: number;
	recordingUrl: string | null;
}

export type Stage = 'arrival' | 'ivr' | 'dtmf' | 'answer' | 'hangup' | 'disposition';

export interface LifecycleEvent {
	trigger: SmartfloTriggerId;
	stage: Stage;
	atMs: number;
	/** The key of a DTMF event. */
	digit?: string;
}

const SECOND_MS = 1000;

/** The triggers a call fires, in the order Smartflo fires them. */
export function lifecycleOf(call: SimulatedCall): LifecycleEvent[] {
	switch (call.kind) {
		case 'inbound':
			return inbound(call);
		case 'clickToCall':
			return clickToCall(call);
		case 'clickToCallSupport':
			return clickToCallSupport(call);
		case 'dialer':
			return dialer(call);
	}
}

function inbound(call: SimulatedCall): LifecycleEvent[] {
	const { startMs } = call;
	const events: LifecycleEvent[] = [{ trigger: 'call_received_on_server', stage: 'arrival', atMs: startMs }];
	if (call.digits !== '') {
		events.push({ trigger: 'call_answered_on_ivr', stage: 'ivr', atMs: startMs + SECOND_MS });
		[...call.digits].forEach((digit, index) => {
			events.push({ trigger: 'dtmf_option', stage: 'dtmf', atMs: startMs + (2 + index) * SECOND_MS, digit });
		});
	}
	const routedAt = startMs + (3 + call.digits.length) * SECOND_MS;
	events.push(
		{ trigger: 'call_received_on_department', stage: 'arrival', atMs: routedAt },
		{ trigger: 'dialed_on_agent', stage: 'arrival', atMs: routedAt },
	);
	if (call.answerMs !== null) events.push({ trigger: 'call_answered_by_agent', stage: 'answer', atMs: call.answerMs });
	return [...events, ...hangups(call, call.outcome === 'answered' ? 'call_answered_by_agent_hangup' : 'call_missed_by_agent_hangup')];
}

function clickToCall(call: SimulatedCall): LifecycleEvent[] {
	const events: LifecycleEvent[] = [{ trigger: 'dialed_on_agent', stage: 'arrival', atMs: call.startMs }];
	if (call.agentAnswerMs !== null) events.push({ trigger: 'call_answered_by_agent', stage: 'answer', atMs: call.agentAnswerMs });
	return [...events, customerLeg(call), ...hangups(call)];
}

function clickToCallSupport(call: SimulatedCall): LifecycleEvent[] {
	if (call.answerMs === null) return [customerLeg(call), ...hangups(call)];
	return [
		customerLeg(call),
		{ trigger: 'dialed_on_agent', stage: 'arrival', atMs: call.answerMs },
		{ trigger: 'call_answered_by_agent', stage: 'answer', atMs: call.agentAnswerMs ?? call.answerMs },
		...hangups(call),
	];
}

function dialer(call: SimulatedCall): LifecycleEvent[] {
	const events: LifecycleEvent[] = [];
	if (call.answerMs !== null) {
		events.push(
			{ trigger: 'dialer_call_connected_to_agent', stage: 'answer', atMs: call.answerMs },
			{ trigger: 'session_call_answered', stage: 'answer', atMs: call.answerMs },
			{ trigger: 'call_answered_by_agent', stage: 'answer', atMs: call.answerMs },
		);
	}
	events.push(...hangups(call, call.outcome === 'answered' ? 'call_answered_by_agent_hangup' : undefined));
	events.push({ trigger: 'dialer_disposition_status_updated', stage: 'disposition', atMs: call.endMs + 20 * SECOND_MS });
	return events;
}

/** The customer answering a click to call, or not. */
function customerLeg(call: SimulatedCall): LifecycleEvent {
	return call.answerMs === null
		? { trigger: 'click_to_call_missed_by_customer', stage: 'hangup', atMs: call.endMs }
		: { trigger: 'click_to_call_answered_by_customer', stage: 'answer', atMs: call.answerMs };
}

function hangups(call: SimulatedCall, agentHangup?: SmartfloTriggerId): LifecycleEvent[] {
	const specific: SmartfloTriggerId = call.outcome === 'answered' ? 'call_hangup_answered' : 'call_hangup_missed';
	const triggers: SmartfloTriggerId[] = [specific, 'call_hangup_missed_or_answered', ...(agentHangup ? [agentHangup] : [])];
	return triggers.map((trigger) => ({ trigger, stage: 'hangup', atMs: call.endMs }));
}
