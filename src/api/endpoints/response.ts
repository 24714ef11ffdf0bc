import { isJsonObject, type JsonObject } from '../answer';

/**
 * The records in a Smartflo answer: under `at` when the endpoint names it, else whatever the shape —
 * a bare array, a list under `results` (call records), `data` (users), `ivrs` or `items`, or a single
 * record under `data`. Scalars are wrapped as `{ value }`.
 */
export function recordsOf(body: unknown, at?: string): JsonObject[] {
	if (Array.isArray(body)) return body.map(toRecord);
	if (!isJsonObject(body)) return [];
	for (const key of at === undefined ? LIST_KEYS : [at, ...LIST_KEYS]) {
		if (Array.isArray(body[key])) return (body[key] as unknown[]).map(toRecord);
	}
	if (isJsonObject(body.data)) return [body.data];
	return [body];
}

/** The one record in a single-record answer (under `at`, `data`, or the answer itself). */
export function recordOf(body: unknown, at = 'data'): JsonObject {
	if (isJsonObject(body) && isJsonObject(body[at])) return body[at];
	return isJsonObject(body) ? body : { value: body };
}

const LIST_KEYS = ['results', 'data', 'items', 'ivrs'];

function toRecord(value: unknown): JsonObject {
	return isJsonObject(value) ? value : { value };
}
