import { buildCallRecord, type CallFacts, type CallRecord } from './call-record';
import type { Did, User } from './directory';
import type { SeededRandom } from './random';

export interface LiveCall {
	id: number;
	callId: string;
	user: User;
	/** 1 inbound, 2 outbound */
	direction: 1 | 2;
	source: string;
	type: string;
	did: Did;
	destinationType: string;
	destinationName: string;
	destination: string;
	queueState: string | null;
	channelId: string;
	customerNumber: string;
	service: string;
	departmentId: number | null;
	refId: string | null;
	createdAt: number;
	/** When the call is picked up ('Ringing' → 'Answered'). */
	answerAt: number;
	/** When the call ends on its own (talk over, or `call_timeout` reached). */
	endAt: number;
}

export interface OriginateRequest {
	user: User;
	did: Did;
	customerNumber: string;
	type: 'click-to-call' | 'click-to-call-support';
	service: string;
	departmentId: number | null;
	refId: string;
	callTimeoutSeconds?: number;
}

const RING_MS = 6_000;
const MIN_TALK_SECONDS = 60;
const MAX_TALK_SECONDS = 240;
// Bounds memory when a benchmark places many calls: the oldest records are forgotten first.
const MAX_CALL_RECORDS = 20_000;
export const SIP_DOMAIN = 'sandbox.sip.smartflo.test';

/**
 * Live calls and call records. Time moves calls along lazily: whenever the ledger is read, calls whose
 * end has come are removed from the live list and written as call records.
 */
export class CallLedger {
	private live: LiveCall[];
	private readonly records: CallRecord[];
	private nextLiveId: number;

	constructor(
		private readonly accountId: number,
		records: CallRecord[],
		live: LiveCall[],
		private readonly random: SeededRandom,
		private readonly maxRecords = MAX_CALL_RECORDS,
	) {
		this.records = [...records].sort((a, b) => b.startedAt - a.startedAt);
		this.live = live;
		this.nextLiveId = Math.max(870_000, ...live.map((call) => call.id)) + 1;
	}

	liveCalls(now = Date.now()): readonly LiveCall[] {
		this.settle(now);
		return this.live;
	}

	/** Newest first; stable for equal start times. */
	callRecords(now = Date.now()): readonly CallRecord[] {
		this.settle(now);
		return this.records;
	}

	originate(request: OriginateRequest, now = Date.now()): LiveCall {
		const talkMs = this.random.int(MIN_TALK_SECONDS, MAX_TALK_SECONDS) * 1000;
		const timeoutEnd = request.callTimeoutSeconds ? now + request.callTimeoutSeconds * 1000 : Infinity;
		const call: LiveCall = {
			id: this.nextLiveId++,
			callId: `${Math.floor(now / 1000)}.${this.random.digits(6)}`,
			user: request.user,
			direction: 2,
			source: request.type === 'click-to-call' ? request.user.agent.followMeNumber : request.customerNumber,
			type: request.type,
			did: request.did,
			destinationType: 'c2c',
			destinationName: request.user.name,
			destination: request.customerNumber,
			queueState: null,
			channelId: this.random.uuid(),
			customerNumber: request.customerNumber,
			service: request.service,
			departmentId: request.departmentId,
			refId: request.refId,
			createdAt: now,
			answerAt: now + RING_MS,
			endAt: Math.min(now + RING_MS + talkMs, timeoutEnd),
		};
		this.live.push(call);
		return call;
	}

	/** Ends a live call by its `call_id` (a `ref_id` is not accepted, as on Smartflo). */
	hangup(callId: string, now = Date.now()): boolean {
		this.settle(now);
		const call = this.live.find((entry) => entry.callId === callId);
		if (!call) return false;
		this.finish(call, now);
		this.live = this.live.filter((entry) => entry !== call);
		return true;
	}

	/** The live call with this `call_id`, if it is still in progress. */
	liveCall(callId: string, now = Date.now()): LiveCall | undefined {
		return this.liveCalls(now).find((entry) => entry.callId === callId);
	}

	/** Writes the record of a call that ended (a call the webhooks played), as Smartflo does at a call's end. */
	recordEndedCall(facts: Omit<CallFacts, 'accountId'>): CallRecord {
		const record = buildCallRecord({ accountId: this.accountId, ...facts }, this.random);
		this.insertRecord(record);
		return record;
	}

	private settle(now: number): void {
		const ended = this.live.filter((call) => call.endAt <= now);
		if (ended.length === 0) return;
		for (const call of ended) this.finish(call, call.endAt);
		this.live = this.live.filter((call) => call.endAt > now);
	}

	private finish(call: LiveCall, endMs: number): void {
		const answered = endMs > call.answerAt;
		this.recordEndedCall({
			startMs: call.createdAt,
			ringSeconds: Math.round((Math.min(endMs, call.answerAt) - call.createdAt) / 1000),
			talkSeconds: answered ? Math.max(1, Math.round((endMs - call.answerAt) / 1000)) : 0,
			direction: call.direction === 1 ? 'inbound' : 'outbound',
			service: call.service,
			agent: call.user,
			departmentId: call.departmentId,
			did: call.did,
			clientNumber: call.customerNumber,
			callId: call.callId,
			uuid: call.channelId,
			refId: call.refId,
			missedCause: 'ORIGINATOR_CANCEL',
			dtmfInput: null,
		});
	}

	private insertRecord(record: CallRecord): void {
		let low = 0;
		let high = this.records.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.records[middle].startedAt >= record.startedAt) low = middle + 1;
			else high = middle;
		}
		this.records.splice(low, 0, record);
		if (this.records.length > this.maxRecords) this.records.pop();
	}
}

export function liveCallState(call: LiveCall, now: number): 'Ringing' | 'Answered' {
	return now < call.answerAt ? 'Ringing' : 'Answered';
}
