import { DEFAULT_PAYLOAD_LIMITS } from '../../src/webhooks/budget';
import { MISSED_HANGUP } from './fixtures';

/** Objects nested `levels` deep as JSON text: `{"a":{"a":…1…}}`, 6 bytes a level. */
export function nestedObjectsJson(levels: number): string {
	return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** A payload whose `billing_circle` nests `levels` deep. */
export function deepPayloadJson(levels: number): string {
	return `{"event":"call_hangup_missed","uuid":"deep-1","billing_circle":${nestedObjectsJson(levels)}}`;
}

/** A JSON array of `count` copies of the missed-call payload, each with its own call id. */
export function payloadArrayJson(count: number): string {
	const one = JSON.stringify({ ...MISSED_HANGUP, call_id: 'CALL_ID' });
	return `[${Array.from({ length: count }, (_unused, index) => one.replace('CALL_ID', `bulk-${index}`)).join(',')}]`;
}

/** A body with keys that reach Object.prototype, at the root and nested, as JSON text (own `__proto__` keys). */
export const PROTOTYPE_KEYS_JSON =
	'{"event":"call_hangup_missed","uuid":"proto-1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
	'"toString":"x","valueOf":"y","hasOwnProperty":"z","billing_circle":{"__proto__":{"polluted":true},"operator":"Airtel"},' +
	'"missed_agent":[{"__proto__":{"polluted":true},"id":"7"}],"direction":"constructor","call_status":"toString"}';

export interface HostileBody {
	label: string;
	body: string;
	contentType: string;
	/** What the trigger answers when the request carries the secret. */
	authenticated: 200 | 400 | 413;
}

const manyFields = JSON.stringify(Object.fromEntries(Array.from({ length: 30_000 }, (_unused, index) => [`f${index}`, index])));

/** Bodies an attacker sends, each with its content type and the trigger's answer once the secret is right. */
export const HOSTILE_BODIES: readonly HostileBody[] = [
	{ label: '60 KB of nested objects', body: nestedObjectsJson(10_000), contentType: 'application/json', authenticated: 400 },
	{ label: 'a payload nested 10,000 levels deep', body: deepPayloadJson(10_000), contentType: 'application/json', authenticated: 400 },
	{ label: 'a 2.5 MB array of payloads', body: payloadArrayJson(2_000), contentType: 'application/json', authenticated: 413 },
	{ label: 'an object of 30,000 fields', body: manyFields, contentType: 'application/json', authenticated: 413 },
	{ label: 'prototype keys at every depth', body: PROTOTYPE_KEYS_JSON, contentType: 'application/json', authenticated: 200 },
	{ label: 'truncated JSON as text', body: JSON.stringify(MISSED_HANGUP).slice(0, 200), contentType: 'text/plain', authenticated: 400 },
	{ label: 'a JSON number', body: '42', contentType: 'application/json', authenticated: 400 },
	{ label: 'an array of strings', body: '["a","b"]', contentType: 'application/json', authenticated: 400 },
	{ label: 'HTML', body: '<html><body>hello</body></html>', contentType: 'text/html', authenticated: 400 },
	{
		label: 'form keys nested 200 levels, PHP style',
		body: `data${'[a]'.repeat(200)}=1&event=call_hangup_missed&uuid=form-1`,
		contentType: 'application/x-www-form-urlencoded',
		authenticated: 200,
	},
];

export const LIMITS = DEFAULT_PAYLOAD_LIMITS;

/**
 * Every problem a trigger item must not have, by path: own `__proto__` keys, numbers JSON cannot hold,
 * objects that are not plain, and (in the item's own fields) `_utc` twins that are no instant.
 */
export function outputProblems(item: Record<string, unknown>): string[] {
	const stamps = Object.entries(item)
		.filter(([key, value]) => key.endsWith('_utc') && value !== null && !(typeof value === 'string' && Number.isFinite(Date.parse(value))))
		.map(([key, value]) => `$.${key} is ${String(value)}`);
	return [...stamps, ...jsonProblems(item, '$')];
}

function jsonProblems(value: unknown, path: string): string[] {
	if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
	if (typeof value !== 'object' || value === null) return [];
	if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return [`${path} is not a plain object`];
	const problems: string[] = [];
	for (const key of Reflect.ownKeys(value)) {
		if (typeof key !== 'string') return [`${path} has a symbol key`];
		if (key === '__proto__') problems.push(`${path} has an own __proto__`);
		problems.push(...jsonProblems((value as Record<string, unknown>)[key], `${path}.${key}`));
	}
	return problems;
}
