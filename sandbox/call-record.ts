import type { Did, User } from './directory';
import { formatIstDate, formatIstDateTime, formatIstTime } from './ist-time';
import type { SeededRandom } from './random';

export type MissedCause = 'NO_ANSWER' | 'USER_BUSY' | 'ORIGINATOR_CANCEL';

/** What happened on a call; `buildCallRecord` turns it into Smartflo's CDR shape. */
export interface CallFacts {
	accountId: number;
	startMs: number;
	ringSeconds: number;
	/** 0 = not answered */
	talkSeconds: number;
	direction: 'inbound' | 'outbound';
	service: string;
	agent: User;
	departmentId: number | null;
	did: Did;
	clientNumber: string;
	callId: string;
	uuid: string;
	refId: string | null;
	missedCause: MissedCause;
	dtmfInput: string | null;
	/** The IVR the call went through, if any. */
	ivrId?: number | null;
	/** The broadcast (campaign) that placed the call, by name. */
	broadcastName?: string | null;
	/** The recording's pre-signed link, when the call's webhooks already carried one, or null for none; default a new one. */
	recordingUrl?: string | null;
}

export interface CallRecordWire {
	id: string;
	call_id: string;
	uuid: string;
	direction: 'inbound' | 'outbound';
	description: string;
	detailed_description: string;
	status: 'answered' | 'missed';
	blocked_number_id: null;
	recording_url: string | null;
	service: string;
	date: string;
	time: string;
	end_stamp: string;
	call_duration: number;
	answered_seconds: number;
	agent_number: string;
	agent_number_with_prefix: string;
	agent_name: string;
	client_number: string;
	did_number: string;
	caller_id_num: string;
	hangup_cause: string;
	reason: string;
	reason_key: string;
	ref_id: string | null;
	dtmf_input: string | null;
	missed_agents: Array<{ id: string; name: string; number: string }>;
	call_flow: Array<{ type: string; num: string; name: string; dialst: string; time: number }>;
	customer_status: string;
	agent_status: string;
	accountid: string;
	aws_call_recording_identifier: string | null;
	notes: null;
}

/** A stored CDR: the wire record plus what the filters need but Smartflo does not send. */
export interface CallRecord {
	startedAt: number;
	agentId: string;
	departmentId: number | null;
	ivrId: number | null;
	broadcastName: string | null;
	wire: CallRecordWire;
}

const MISSED_REASONS: Record<MissedCause, string> = {
	NO_ANSWER: 'No answer',
	USER_BUSY: 'Busy',
	ORIGINATOR_CANCEL: 'Caller hung up before answer',
};

const DIAL_STATUS: Record<MissedCause, string> = {
	NO_ANSWER: 'NOANSWER',
	USER_BUSY: 'BUSY',
	ORIGINATOR_CANCEL: 'CANCEL',
};

export function buildCallRecord(facts: CallFacts, random: SeededRandom): CallRecord {
	const { agent, did, startMs, direction } = facts;
	const answered = facts.talkSeconds > 0;
	const durationSeconds = facts.ringSeconds + facts.talkSeconds;
	const endMs = startMs + durationSeconds * 1000;
	const startSeconds = Math.floor(startMs / 1000);
	const legStatus = answered ? 'ANSWER' : DIAL_STATUS[facts.missedCause];
	// A Mongo ObjectId starts with its creation time in seconds. (The order of the random draws keeps seeded data as it was.)
	const id = startSeconds.toString(16).padStart(8, '0') + random.hex(16);
	const recording = answered ? (facts.recordingUrl === undefined ? recordingUrl(facts.callId, random) : facts.recordingUrl) : null;
	const hangupCause = answered ? 'NORMAL_CLEARING' : facts.missedCause;
	const wire: CallRecordWire = {
		id,
		call_id: facts.callId,
		uuid: facts.uuid,
		direction,
		description: answered ? 'Call answered' : 'Call missed',
		detailed_description: describe(facts, answered),
		status: answered ? 'answered' : 'missed',
		blocked_number_id: null,
		recording_url: recording,
		service: facts.service,
		date: formatIstDate(startMs),
		time: formatIstTime(startMs),
		end_stamp: formatIstDateTime(endMs),
		call_duration: durationSeconds,
		answered_seconds: facts.talkSeconds,
		agent_number: agent.agent.followMeNumber.slice(-10),
		agent_number_with_prefix: agent.agent.followMeNumber,
		agent_name: agent.name,
		client_number: facts.clientNumber,
		did_number: did.did,
		caller_id_num: direction === 'inbound' ? facts.clientNumber : did.did,
		hangup_cause: hangupCause,
		reason: answered ? random.pick(['Customer hung up', 'Agent hung up']) : MISSED_REASONS[facts.missedCause],
		reason_key: hangupCause,
		ref_id: facts.refId,
		dtmf_input: facts.dtmfInput,
		missed_agents:
			direction === 'inbound' && !answered ? [{ id: agent.agent.id, name: agent.name, number: agent.agent.followMeNumber }] : [],
		call_flow: [
			{ type: 'init', num: did.did, name: 'Init', dialst: '', time: startSeconds },
			{
				type: direction === 'inbound' ? 'Agent' : 'ClickToCall',
				num: agent.agent.followMeNumber,
				name: agent.name,
				dialst: legStatus,
				time: startSeconds + facts.ringSeconds,
			},
			{ type: 'hangup', num: '', name: 'Hangup', dialst: '', time: Math.floor(endMs / 1000) },
		],
		customer_status: direction === 'outbound' ? legStatus : 'ANSWER',
		agent_status: direction === 'inbound' ? legStatus : 'ANSWER',
		accountid: String(facts.accountId),
		aws_call_recording_identifier: recording === null ? null : `${facts.uuid}.mp3`,
		notes: null,
	};
	return {
		startedAt: startMs,
		agentId: agent.agent.id,
		departmentId: facts.departmentId,
		ivrId: facts.ivrId ?? null,
		broadcastName: facts.broadcastName ?? null,
		wire,
	};
}

/** Recordings are pre-signed links: the `token` parameter lets anyone holding the URL download them. */
export function recordingUrl(callId: string, random: SeededRandom): string {
	const query = new URLSearchParams({ callId, type: 'rec', token: random.alphanumeric(40) });
	return `https://cloudphone.tatateleservices.com/file/recording?${query}`;
}

function describe(facts: CallFacts, answered: boolean): string {
	const agentName = facts.agent.name;
	if (facts.direction === 'inbound') return answered ? `Call answered by ${agentName}` : `Call missed by ${agentName}`;
	return answered ? `Customer answered the call from ${agentName}` : 'Customer did not answer';
}

/** Smartflo's call ids come in several shapes (§2.4); never numbers. */
export function makeCallId(random: SeededRandom, startMs: number): string {
	const seconds = Math.floor(startMs / 1000);
	return random.weighted<() => string>([
		[() => `${seconds}.${random.digits(6)}`, 4],
		[() => `h11.08-${seconds}.${random.digits(7)}`, 2],
		[() => `HYD1-D4-${seconds}.${random.digits(6)}`, 2],
		[() => random.uuid(), 1],
	])();
}

/** Customer numbers as Smartflo returns them: `+91…`, `91…`, `0…` or bare 10 digits. */
export function formatCustomerNumber(random: SeededRandom, mobile: string): string {
	return random.pick([`+91${mobile}`, `91${mobile}`, `0${mobile}`, mobile]);
}
