import { randomUUID } from 'node:crypto';

import { recordingUrl, type CallFacts } from '../call-record';
import type { LiveCall } from '../calls';
import type { Directory, User } from '../directory';
import { digitsOf, isValidCustomerNumber } from '../phone';
import type { SeededRandom } from '../random';
import type { AgentFacts, SimulatedCall } from './lifecycle';
import type { CallKind, CallOutcome, PlayCallOptions } from './types';

const KINDS: readonly CallKind[] = ['inbound', 'clickToCall', 'clickToCallSupport', 'dialer'];
const OUTCOMES: readonly CallOutcome[] = ['answered', 'missed'];
const RING_MS = 6_000;
const MISSED_RING_MS = 30_000;
const AGENT_RING_MS = 4_000;
const DEFAULT_TALK_SECONDS = 45;
const MAX_DIGITS = 20;
const MAX_STARTED_SECONDS_AGO = 30 * 86_400;

/** A call for `playCall`: the options checked, the rest made up from the account's directory. */
export function simulatedCallOf(options: PlayCallOptions, directory: Directory, random: SeededRandom, playedAtMs: number): SimulatedCall {
	if (typeof options !== 'object' || options === null) throw new TypeError('The call options must be an object');
	const {
		kind = 'inbound',
		outcome = 'answered',
		digits = '',
		talkSeconds = DEFAULT_TALK_SECONDS,
		startedSecondsAgo = 0,
		recorded = true,
	} = options;
	if (!KINDS.includes(kind)) throw new TypeError(`kind must be one of ${KINDS.join(', ')}`);
	if (!OUTCOMES.includes(outcome)) throw new TypeError('outcome must be answered or missed');
	if (typeof digits !== 'string' || !/^[0-9*#]*$/.test(digits) || digits.length > MAX_DIGITS)
		throw new TypeError('digits must be up to 20 of 0-9, * and #');
	if (typeof talkSeconds !== 'number' || !Number.isInteger(talkSeconds) || talkSeconds < 1)
		throw new TypeError('talkSeconds must be a positive integer');
	if (
		typeof startedSecondsAgo !== 'number' ||
		!Number.isInteger(startedSecondsAgo) ||
		startedSecondsAgo < 0 ||
		startedSecondsAgo > MAX_STARTED_SECONDS_AGO
	)
		throw new TypeError(`startedSecondsAgo must be a whole number from 0 to ${MAX_STARTED_SECONDS_AGO}`);
	if (typeof recorded !== 'boolean') throw new TypeError('recorded must be true or false');
	if (options.customerNumber !== undefined && !isValidCustomerNumber(String(options.customerNumber)))
		throw new TypeError('customerNumber must have 10 to 15 digits');
	const user = options.agent === undefined ? directory.users[0] : directory.findAgent(String(options.agent));
	if (!user) throw new TypeError('No such agent');
	const did = options.did === undefined ? directory.pilotNumber() : directory.findDid(String(options.did));
	if (!did) throw new TypeError('No such DID');

	const nowMs = playedAtMs - startedSecondsAgo * 1000;
	const customerNumber = options.customerNumber === undefined ? random.mobile() : digitsOf(String(options.customerNumber)).slice(-10);
	const callId = `${Math.floor(nowMs / 1000)}.${random.digits(6)}`;
	const answered = outcome === 'answered';
	const customerFirst = kind === 'clickToCallSupport';
	const agentAnswerMs =
		kind === 'inbound' || kind === 'dialer' || customerFirst ? (answered ? nowMs + RING_MS : null) : nowMs + AGENT_RING_MS;
	const answerMs = answered ? (kind === 'clickToCall' ? nowMs + AGENT_RING_MS + RING_MS : nowMs + RING_MS) : null;
	const endMs = answerMs === null ? nowMs + MISSED_RING_MS : answerMs + talkSeconds * 1000;
	return {
		kind,
		outcome,
		uuid: randomUUID(),
		callId,
		refId: kind === 'inbound' ? null : randomUUID(),
		customIdentifier: options.customIdentifier === undefined ? null : String(options.customIdentifier),
		customerNumber,
		did: did.did,
		agent: agentOf(user),
		digits: kind === 'inbound' ? digits : '',
		startMs: nowMs,
		agentAnswerMs,
		answerMs,
		endMs,
		recordingUrl: answered && recorded ? recordingUrl(callId, random) : null,
	};
}

/**
 * The call a click to call just placed, for its webhooks: the same call_id, ref_id, uuid (the live
 * call's channel), agent, numbers and times as the live call and its later call record.
 */
export function clickToCallOf(call: LiveCall, customIdentifier: string | undefined, random: SeededRandom): Omit<SimulatedCall, 'outcome'> {
	const customerFirst = call.type === 'click-to-call-support';
	return {
		kind: customerFirst ? 'clickToCallSupport' : 'clickToCall',
		uuid: call.channelId,
		callId: call.callId,
		refId: call.refId,
		customIdentifier: customIdentifier ?? null,
		customerNumber: digitsOf(call.customerNumber).slice(-10),
		did: call.did.did,
		agent: agentOf(call.user),
		digits: '',
		startMs: call.createdAt,
		agentAnswerMs: customerFirst ? call.answerAt : call.createdAt + Math.min(AGENT_RING_MS, call.answerAt - call.createdAt),
		answerMs: call.answerAt,
		endMs: call.endAt,
		recordingUrl: recordingUrl(call.callId, random),
	};
}

const SERVICES: Record<SimulatedCall['kind'], string> = {
	inbound: 'Department',
	clickToCall: 'Click to call',
	clickToCallSupport: 'Click to call support',
	dialer: 'Dialer',
};

/** What the call record of a played call says: the same ids, numbers, agent and times as its webhooks. */
export function callFactsOf(call: SimulatedCall, directory: Directory): Omit<CallFacts, 'accountId'> {
	const user = directory.agentById(call.agent.id) ?? directory.users[0];
	const department = call.kind === 'inbound' ? directory.departments.find((entry) => entry.memberIds.includes(user.id)) : undefined;
	const talkEndsMs = call.answerMs ?? call.endMs;
	return {
		startMs: call.startMs,
		ringSeconds: Math.round((talkEndsMs - call.startMs) / 1000),
		talkSeconds: call.answerMs === null ? 0 : Math.max(1, Math.round((call.endMs - call.answerMs) / 1000)),
		direction: call.kind === 'inbound' ? 'inbound' : 'outbound',
		service: call.kind === 'inbound' && call.digits !== '' ? 'IVR' : SERVICES[call.kind],
		agent: user,
		departmentId: department?.id ?? null,
		did: directory.findDid(call.did) ?? directory.pilotNumber(),
		clientNumber: call.customerNumber,
		callId: call.callId,
		uuid: call.uuid,
		refId: call.refId,
		missedCause: 'NO_ANSWER',
		dtmfInput: call.digits === '' ? null : call.digits,
		ivrId: call.kind === 'inbound' && call.digits !== '' ? (directory.ivrs[0]?.id ?? null) : null,
		recordingUrl: call.recordingUrl,
	};
}

function agentOf(user: User): AgentFacts {
	return { id: user.agent.id, name: user.name, number: user.agent.followMeNumber };
}
