import { isJsonObject } from '../api/answer';
import { isUnsafeKey, PayloadBudget } from './budget';

/**
 * A webhook delivery's fields the way Smartflo sends them, made into one plain object: JSON, form-encoded
 * or query-string input; keys with a stray trailing space (`customer_no_with_prefix `), the PHP-mangled
 * form of that key, a leading `$`, or PHP-style brackets (`data[uuid]`); the fields at the root or nested
 * under `data`, `event` or `payload`, also when the nested object arrives as a JSON string.
 */
export type PayloadFields = Record<string, unknown>;

const WRAPPER_KEYS = ['data', 'event', 'payload'] as const;
const MAX_UNWRAP_DEPTH = 3;
const MAX_BRACKET_DEPTH = 5;
/** Keys Smartflo (or PHP in front of a receiver) mangles, and their real names. */
const RENAMED_KEYS = new Map([['customer_no_with_prefix_', 'customer_no_with_prefix']]);

export interface Payload {
	/** The object as it arrived, without keys that reach a prototype (`__proto__`, `constructor`, `prototype`). */
	raw: Record<string, unknown>;
	/** Its fields with clean keys, unwrapped. */
	fields: PayloadFields;
}

const NOT_A_PAYLOAD = 'The body is not a JSON object, a JSON array of objects, or form fields';

/**
 * The deliveries in a body: one object, or each object of a JSON array; none for an empty body. What the
 * budget refuses, or a body that holds something else, gives none and leaves the reason in `budget.refusal`.
 */
export function payloadsOf(input: unknown, budget: PayloadBudget = new PayloadBudget()): Payload[] {
	const value = typeof input === 'string' ? parseText(input, budget) : input;
	if (value === undefined || budget.refusal) return [];
	const objects = Array.isArray(value) ? value : [value];
	if (objects.length > budget.limits.maxPayloads) {
		budget.refuse('too_large', `The delivery holds more than ${budget.limits.maxPayloads} payloads`);
		return [];
	}
	const payloads: Payload[] = [];
	for (const object of objects) {
		const raw = budget.copy(object);
		if (budget.refusal) return [];
		if (!isJsonObject(raw)) {
			budget.refuse('unreadable', NOT_A_PAYLOAD);
			return [];
		}
		payloads.push({ raw, fields: cleanPayload(raw, budget) });
	}
	return budget.refusal ? [] : payloads;
}

/** A body that arrived as text: JSON, else form-encoded fields; undefined when empty. */
function parseText(text: string, budget: PayloadBudget): unknown {
	if (!budget.fits(text.length)) return undefined;
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			budget.refuse('unreadable', 'The body is not valid JSON');
			return undefined;
		}
	}
	if (!trimmed.includes('=')) {
		budget.refuse('unreadable', NOT_A_PAYLOAD);
		return undefined;
	}
	const fields: PayloadFields = {};
	for (const [key, value] of new URLSearchParams(trimmed)) if (!Object.hasOwn(fields, key)) fields[key] = value;
	return fields;
}

function cleanPayload(input: Record<string, unknown>, budget: PayloadBudget): PayloadFields {
	let fields = cleanKeys(expandBrackets(input));
	for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
		const unwrapped = unwrapOnce(fields, budget);
		if (!unwrapped) break;
		fields = unwrapped;
	}
	return fields;
}

/** The fields with the first wrapper that holds an object replaced by that object's fields; undefined when none does. */
function unwrapOnce(fields: PayloadFields, budget: PayloadBudget): PayloadFields | undefined {
	for (const wrapper of WRAPPER_KEYS) {
		const inner = nestedObject(fields[wrapper], budget);
		if (!isJsonObject(inner)) continue;
		const { [wrapper]: _wrapper, ...rest } = fields;
		return { ...rest, ...cleanKeys(inner) };
	}
	return undefined;
}

/** A nested wrapper's object, also when it arrived as JSON text (as form-encoded bodies carry it). */
function nestedObject(value: unknown, budget: PayloadBudget): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	return trimmed.startsWith('{') ? budget.parseJson(trimmed, 1) : undefined;
}

function cleanKeys(input: Record<string, unknown>): PayloadFields {
	const fields: PayloadFields = {};
	for (const [rawKey, value] of Object.entries(input)) {
		const stripped = rawKey.trim().replace(/^\$+/, '');
		const key = RENAMED_KEYS.get(stripped) ?? stripped;
		if (key === '' || isUnsafeKey(key)) continue;
		// The first non-empty value wins when two spellings of one key arrive.
		if (Object.hasOwn(fields, key) && !isEmpty(fields[key])) continue;
		fields[key] = isJsonObject(value) ? cleanKeys(value) : value;
	}
	return fields;
}

/** `{"data[uuid]": "x"}` → `{data: {uuid: "x"}}`, as PHP reads form fields; other keys unchanged. */
function expandBrackets(input: Record<string, unknown>): Record<string, unknown> {
	const output: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input)) {
		const path = bracketPath(key);
		if (!path) {
			output[key] = value;
			continue;
		}
		let target = output;
		for (const segment of path.slice(0, -1)) {
			if (!isJsonObject(target[segment])) target[segment] = {};
			target = target[segment] as Record<string, unknown>;
		}
		target[path[path.length - 1]] = value;
	}
	return output;
}

function bracketPath(key: string): string[] | undefined {
	const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (!match) return undefined;
	const segments = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1])];
	if (segments.length > MAX_BRACKET_DEPTH + 1 || segments.some((segment) => segment === '' || isUnsafeKey(segment.trim())))
		return undefined;
	return segments;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
