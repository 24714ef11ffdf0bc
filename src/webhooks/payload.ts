import { isJsonObject } from '../api/answer';

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
const RENAMED_KEYS: Record<string, string> = { customer_no_with_prefix_: 'customer_no_with_prefix' };
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Payload {
	/** The object as it arrived. */
	raw: Record<string, unknown>;
	/** Its fields with clean keys, unwrapped. */
	fields: PayloadFields;
}

/** The deliveries in a body: one object, or each object of a JSON array. Anything else gives none. */
export function payloadsOf(input: unknown): Payload[] {
	const value = typeof input === 'string' ? parseText(input) : input;
	const objects = Array.isArray(value) ? value.filter(isJsonObject) : isJsonObject(value) ? [value] : [];
	return objects.map((raw) => ({ raw, fields: cleanPayload(raw) }));
}

/** A body that arrived as text: JSON, else a form-encoded string, else nothing. */
function parseText(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	const json = parseJson(trimmed);
	if (json !== undefined) return json;
	if (!trimmed.includes('=')) return undefined;
	const fields: PayloadFields = {};
	for (const [key, value] of new URLSearchParams(trimmed)) if (!Object.hasOwn(fields, key)) fields[key] = value;
	return fields;
}

function cleanPayload(input: Record<string, unknown>): PayloadFields {
	let fields = cleanKeys(expandBrackets(input));
	for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
		const wrapper = WRAPPER_KEYS.find((key) => isJsonObject(nestedObject(fields[key])));
		if (!wrapper) break;
		const { [wrapper]: inner, ...rest } = fields;
		fields = { ...rest, ...cleanKeys(nestedObject(inner) as Record<string, unknown>) };
	}
	return fields;
}

/** A nested wrapper's object, also when it arrived as JSON text (as form-encoded bodies carry it). */
function nestedObject(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	return trimmed.startsWith('{') ? parseJson(trimmed) : undefined;
}

function cleanKeys(input: Record<string, unknown>): PayloadFields {
	const fields: PayloadFields = {};
	for (const [rawKey, value] of Object.entries(input)) {
		const stripped = rawKey.trim().replace(/^\$+/, '');
		const key = RENAMED_KEYS[stripped] ?? stripped;
		if (key === '' || UNSAFE_KEYS.has(key)) continue;
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
		if (UNSAFE_KEYS.has(key.trim())) continue;
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
	if (segments.length > MAX_BRACKET_DEPTH + 1 || segments.some((segment) => segment === '' || UNSAFE_KEYS.has(segment))) return undefined;
	return segments;
}

/** An object or array written as JSON text; undefined for anything else. */
export function parseJson(text: string): unknown {
	if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
