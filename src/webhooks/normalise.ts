import { isJsonObject } from '../api/answer';
import { PayloadBudget } from './budget';
import type { PayloadFields } from './payload';
import { normaliseStamp } from './stamps';
import { DURATION_FIELDS, EVENT_FIELD, findTrigger, ID_FIELDS, type SmartfloTrigger } from './triggers';

export type CallDirection = 'inbound' | 'outbound' | 'click_to_call' | 'unknown';
export type CallStatus = 'answered' | 'missed' | 'contacted' | 'unknown';

export interface NormaliseOptions {
	/** The account's IANA time zone; Smartflo's wall-clock stamps are in it. */
	timeZone: string;
	/** The event named outside the body (the webhook URL's `event` query parameter), used when the body names none. */
	fallbackEvent?: string;
	/** The delivery's budget: JSON text in structured fields is read against it. Default: a fresh one. */
	budget?: PayloadBudget;
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
const UTC_SUFFIX = '_utc';
const STRUCTURED_FIELDS = new Set(['answered_agent', 'missed_agent', 'call_flow', 'billing_circle', 'broadcast_lead_fields']);
/** Ids are opaque text, never numbers (`1715235734.129662` must keep its digits). */
const TEXT_FIELDS = new Set<string>(ID_FIELDS);
/** Flat fields some triggers send instead of an `answered_agent` object. */
const ANSWERED_AGENT_PARTS = ['answered_agent_name', 'answered_agent_number', 'answer_agent_number'];

const UNRESOLVED_PLACEHOLDER = /^\$[A-Za-z_][A-Za-z0-9_]*$/;
const HOURS_MINUTES_SECONDS = /^(\d+):([0-5]\d):([0-5]\d)$/;

const DIRECTIONS = new Map<string, CallDirection>(
	Object.entries({
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
	}),
);

const CALL_STATUSES = new Map<string, CallStatus>(
	Object.entries({
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
	}),
);

/** One delivery's fields, normalised, with the event it names. */
export function normaliseEvent(payload: PayloadFields, options: NormaliseOptions): NormalisedEvent {
	const fields = normaliseFields(payload, options.timeZone, options.budget);
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
 * Structured fields that arrive as JSON text are read against `budget`; nesting deeper than its limit reads as null.
 */
export function normaliseFields(payload: PayloadFields, timeZone: string, budget: PayloadBudget = new PayloadBudget()): PayloadFields {
	const { maxDepth } = budget.limits;
	const fields: PayloadFields = {};
	for (const [key, value] of Object.entries(payload)) {
		const clean = cleanValue(value, 1, maxDepth);
		fields[key] = STRUCTURED_FIELDS.has(key) ? cleanValue(parseStructured(clean, budget), 1, maxDepth) : clean;
	}
	const output: PayloadFields = {};
	for (const [key, value] of Object.entries(fields)) {
		// A stamp's UTC twin is the normaliser's own field: a payload's field of that name is left in raw.
		if (isStampTwin(key)) continue;
		if (STAMP_FIELDS.has(key)) {
			const stamp = normaliseStamp(value, timeZone);
			// A stamp in a form Smartflo does not use stays as it came, with no UTC twin.
			output[key] = stamp.local ?? value;
			output[`${key}${UTC_SUFFIX}`] = stamp.utc;
		} else {
			output[key] = normaliseField(key, value, fields);
		}
	}
	if (!('answered_agent' in output) && ANSWERED_AGENT_PARTS.some((key) => key in output)) output.answered_agent = answeredAgentOf(fields);
	return output;
}

function isStampTwin(key: string): boolean {
	return key.endsWith(UTC_SUFFIX) && STAMP_FIELDS.has(key.slice(0, -UTC_SUFFIX.length));
}

function normaliseField(key: string, value: unknown, fields: PayloadFields): unknown {
	if (NUMERIC_FIELDS.has(key)) return toNumber(value);
	if (BOOLEAN_FIELDS.has(key)) return toBoolean(value);
	if (TEXT_FIELDS.has(key)) return toText(value);
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

/** `value` with unresolved placeholders and empty strings made null, at every depth up to `maxDepth` (deeper reads as null). */
function cleanValue(value: unknown, depth: number, maxDepth: number): unknown {
	if (typeof value === 'string') {
		const text = value.trim();
		return text === '' || UNRESOLVED_PLACEHOLDER.test(text) ? null : text;
	}
	if (value === undefined) return null;
	if (!Array.isArray(value) && !isJsonObject(value)) return value;
	if (depth >= maxDepth) return null;
	if (Array.isArray(value)) return value.map((entry) => cleanValue(entry, depth + 1, maxDepth));
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, cleanValue(entry, depth + 1, maxDepth)]));
}

/** Objects and arrays that arrive as JSON text (form-encoded and GET deliveries carry them so). */
function parseStructured(value: unknown, budget: PayloadBudget): unknown {
	return typeof value === 'string' ? (budget.parseJson(value, 1) ?? value) : value;
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const clock = HOURS_MINUTES_SECONDS.exec(value);
	const number = clock
		? Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
		: /^-?\d+(?:\.\d+)?$/.test(value)
			? Number(value)
			: NaN;
	// Digits beyond what a double holds (a 400-digit "duration") are no number either.
	return Number.isFinite(number) ? number : null;
}

/** Ids as text; an object or array is no id. */
function toText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

function toBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const text = String(value).toLowerCase();
	if (['1', 'true', 'yes'].includes(text)) return true;
	if (['0', 'false', 'no'].includes(text)) return false;
	return null;
}

function toEnum<T extends string>(value: unknown, known: ReadonlyMap<string, T>): T | 'unknown' | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') return 'unknown';
	return known.get(String(value).trim().toLowerCase()) ?? 'unknown';
}

function callFlowOf(value: unknown): unknown[] {
	if (!Array.isArray(value)) return [];
	return value.map((step) => (isJsonObject(step) && Object.hasOwn(step, 'time') ? { ...step, time: toNumber(step.time) } : step));
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
