import { isJsonObject } from '../api/answer';
import { parseJson, type PayloadFields } from './payload';
import { normaliseStamp } from './stamps';
import { DURATION_FIELDS, EVENT_FIELD, findTrigger, ID_FIELDS, type SmartfloTrigger } from './triggers';

export type CallDirection = 'inbound' | 'outbound' | 'click_to_call' | 'unknown';
export type CallStatus = 'answered' | 'missed' | 'contacted' | 'unknown';

export interface NormaliseOptions {
	/** The account's IANA time zone; Smartflo's wall-clock stamps are in it. */
	timeZone: string;
	/** The event named outside the body (the webhook URL's `event` query parameter), used when the body names none. */
	fallbackEvent?: string;
}

export interface NormalisedEvent {
	/** The trigger's id (`call_hangup_missed`), the body's own text when it names no known trigger, or null. */
	event: string | null;
	/** The trigger's portal name, when the event is a known trigger. */
	eventName: string | null;
	trigger: SmartfloTrigger | undefined;
	/** Every field of the payload, normalised; see `normaliseFields`. */
	fields: PayloadFields;
}

/** Durations and counts that Smartflo sends as numeric strings ("6"), or as HH:MM:SS. */
const NUMERIC_FIELDS = new Set<string>([...DURATION_FIELDS, 'answered_seconds', 'call_duration', 'hangup_cause_code']);
const BOOLEAN_FIELDS = new Set(['call_connected']);
const STAMP_FIELDS = new Set(['start_stamp', 'answer_stamp', 'end_stamp', 'date']);
const STRUCTURED_FIELDS = new Set(['answered_agent', 'missed_agent', 'call_flow', 'billing_circle', 'broadcast_lead_fields']);
/** Ids are opaque text, never numbers (`1715235734.129662` must keep its digits). */
const TEXT_FIELDS = new Set<string>(ID_FIELDS);
/** Flat fields some triggers send instead of an `answered_agent` object. */
const ANSWERED_AGENT_PARTS = ['answered_agent_name', 'answered_agent_number', 'answer_agent_number'];

const UNRESOLVED_PLACEHOLDER = /^\$[A-Za-z_][A-Za-z0-9_]*$/;
const HOURS_MINUTES_SECONDS = /^(\d+):([0-5]\d):([0-5]\d)$/;

const DIRECTIONS: Record<string, CallDirection> = {
	inbound: 'inbound',
	incoming: 'inbound',
	'1': 'inbound',
	outbound: 'outbound',
	outgoing: 'outbound',
	'2': 'outbound',
	clicktocall: 'click_to_call',
	click_to_call: 'click_to_call',
	'click-to-call': 'click_to_call',
	'click to call': 'click_to_call',
	c2c: 'click_to_call',
};

const CALL_STATUSES: Record<string, CallStatus> = {
	answered: 'answered',
	answer: 'answered',
	connected: 'answered',
	completed: 'answered',
	missed: 'missed',
	noanswer: 'missed',
	no_answer: 'missed',
	'no answer': 'missed',
	'not answered': 'missed',
	unanswered: 'missed',
	busy: 'missed',
	cancel: 'missed',
	cancelled: 'missed',
	failed: 'missed',
	contacted: 'contacted',
};

/** One delivery's fields, normalised, with the event it names. */
export function normaliseEvent(payload: PayloadFields, options: NormaliseOptions): NormalisedEvent {
	const fields = normaliseFields(payload, options.timeZone);
	const named = eventText(fields[EVENT_FIELD]) ?? eventText(options.fallbackEvent);
	const trigger = named === undefined ? undefined : findTrigger(named);
	const event = trigger?.id ?? named ?? null;
	fields[EVENT_FIELD] = event;
	return { event, eventName: trigger?.name ?? null, trigger, fields };
}

/**
 * - `$placeholders` Smartflo never resolved, and empty strings, become null;
 * - durations and counts become numbers, `call_connected` a boolean;
 * - each stamp becomes ISO 8601 with the zone's offset, and `<stamp>_utc` is added;
 * - `direction` and `call_status` become small enums (Smartflo's text stays in the raw payload);
 * - `answered_agent` becomes an object or null, `missed_agent` an array.
 */
export function normaliseFields(payload: PayloadFields, timeZone: string): PayloadFields {
	const fields: PayloadFields = {};
	for (const [key, value] of Object.entries(payload)) {
		const clean = cleanValue(value);
		fields[key] = STRUCTURED_FIELDS.has(key) ? cleanValue(parseStructured(clean)) : clean;
	}
	const output: PayloadFields = {};
	for (const [key, value] of Object.entries(fields)) {
		if (STAMP_FIELDS.has(key)) {
			const stamp = normaliseStamp(value, timeZone);
			// A stamp in a form Smartflo does not use stays as it came, with no UTC twin.
			output[key] = stamp.local ?? value;
			output[`${key}_utc`] = stamp.utc;
		} else {
			output[key] = normaliseField(key, value, fields);
		}
	}
	if (!('answered_agent' in output) && ANSWERED_AGENT_PARTS.some((key) => key in output)) output.answered_agent = answeredAgentOf(fields);
	return output;
}

function normaliseField(key: string, value: unknown, fields: PayloadFields): unknown {
	if (NUMERIC_FIELDS.has(key)) return toNumber(value);
	if (BOOLEAN_FIELDS.has(key)) return toBoolean(value);
	if (TEXT_FIELDS.has(key)) return value === null ? null : String(value);
	switch (key) {
		case 'direction':
			return toEnum(value, DIRECTIONS);
		case 'call_status':
			return toEnum(value, CALL_STATUSES);
		case 'call_flow':
			return callFlowOf(value);
		case 'answered_agent':
			return answeredAgentOf(fields);
		case 'missed_agent':
			return missedAgentsOf(value);
		default:
			return value;
	}
}

/** The event a body or URL names: its text, or undefined when it names none. */
function eventText(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' || UNRESOLVED_PLACEHOLDER.test(text) ? undefined : text;
}

function cleanValue(value: unknown): unknown {
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' || UNRESOLVED_PLACEHOLDER.test(text) ? null : text;
	}
	if (Array.isArray(value)) return value.map(cleanValue);
	if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, cleanValue(entry)]));
	return value === undefined ? null : value;
}

/** Objects and arrays that arrive as JSON text (form-encoded and GET deliveries carry them so). */
function parseStructured(value: unknown): unknown {
	return typeof value === 'string' ? (parseJson(value) ?? value) : value;
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const clock = HOURS_MINUTES_SECONDS.exec(value);
	if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
	if (!/^-?\d+(?:\.\d+)?$/.test(value)) return null;
	return Number(value);
}

function toBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	const text = String(value ?? '').toLowerCase();
	if (['1', 'true', 'yes'].includes(text)) return true;
	if (['0', 'false', 'no'].includes(text)) return false;
	return null;
}

function toEnum<T extends string>(value: unknown, known: Record<string, T>): T | 'unknown' | null {
	if (value === null || value === undefined) return null;
	return known[String(value).trim().toLowerCase()] ?? 'unknown';
}

function callFlowOf(value: unknown): unknown[] {
	if (!Array.isArray(value)) return [];
	return value.map((step) => (isJsonObject(step) && 'time' in step ? { ...step, time: toNumber(step.time) } : step));
}

function answeredAgentOf(fields: PayloadFields): PayloadFields | null {
	const given = fields.answered_agent;
	if (isJsonObject(given) && Object.values(given).some((value) => value !== null)) return given;
	const name = fields.answered_agent_name ?? null;
	const number = fields.answered_agent_number ?? fields.answer_agent_number ?? null;
	if (name === null && number === null) return null;
	return { id: null, name, number };
}

function missedAgentsOf(value: unknown): PayloadFields[] {
	if (Array.isArray(value)) return value.filter(isJsonObject);
	return isJsonObject(value) ? [value] : [];
}
