import { isJsonObject } from '../answer';
import { toSmartfloDateTime } from '../date-time';
import { isCustomerNumber } from '../phone-number';
import type { EndpointDefinition, HttpMethod, ParamDefinition } from './types';

/** The time zone Smartflo's wall-clock times are in for Indian accounts. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

const DATE_TIME_HINT = `Use a date and time such as 2026-09-21 10:00:00, an ISO 8601 value, epoch seconds or milliseconds, or the date picker. Time zones are IANA names such as ${DEFAULT_TIME_ZONE}.`;

export type Values = Record<string, unknown>;

export interface ApiRequest {
	method: HttpMethod;
	/** With the path parameters filled in: plain IDs, which need no encoding. */
	path: string;
	qs?: Values;
	body?: Values;
}

export interface BuildOptions {
	/** The account's time zone, for `dateTime` parameters; default Asia/Kolkata. */
	timeZone?: string;
}

/** A value the endpoint cannot take, found before anything is sent. */
export class EndpointInputError extends Error {
	override readonly name = 'EndpointInputError';

	constructor(
		/** Smartflo's name of the parameter. */
		readonly field: string,
		message: string,
		/** How to fix it. */
		readonly hint: string,
	) {
		super(message);
	}
}

/**
 * The request for an endpoint, from values keyed by Smartflo's parameter names. Absent values (undefined,
 * null, blank text, empty lists) are left out so that Smartflo applies its defaults; the rest are
 * checked against the catalogue and converted to what Smartflo expects. A name the endpoint does not
 * declare is a programming error.
 */
export function buildRequest(endpoint: EndpointDefinition, values: Values, options: BuildOptions = {}): ApiRequest {
	const known = new Map(endpoint.params.map((param) => [param.name, param]));
	for (const name of Object.keys(values)) {
		if (!known.has(name)) throw new Error(`"${name}" is not a parameter of ${endpoint.method} ${endpoint.path}`);
	}
	const placed: Record<ParamDefinition['in'], Values> = { path: {}, query: {}, body: {} };
	for (const param of endpoint.params) {
		const raw = values[param.name];
		if (isAbsent(raw)) {
			if (param.required || param.in === 'path')
				throw new EndpointInputError(param.name, `${param.label} is required`, `Set ${param.label}.`);
			continue;
		}
		const value = convert(param, raw, options.timeZone ?? DEFAULT_TIME_ZONE);
		placed[param.in][param.name] = param.in === 'path' ? plainId(param, value) : value;
	}
	const path = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => String(placed.path[name]));
	const request: ApiRequest = { method: endpoint.method, path };
	if (Object.keys(placed.query).length > 0) request.qs = placed.query;
	if (Object.keys(placed.body).length > 0 || (endpoint.method !== 'GET' && endpoint.method !== 'DELETE')) request.body = placed.body;
	return request;
}

/** Letters, digits and RFC 3986's other unreserved characters: text that no URL parser or proxy rewrites. */
const PLAIN_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const DOTS_ONLY = /^\.+$/;

/**
 * A path parameter as one path segment that stays one. Anything else, such as `..` (which URL
 * normalisation turns into another endpoint: `/v1/broadcast/lead/..` is `/v1/broadcast/`), a slash, a
 * percent-encoded or full-width dot, or a control character, is refused before anything is sent.
 */
function plainId(param: ParamDefinition, value: unknown): string {
	const text = String(value);
	if (PLAIN_ID.test(text) && !DOTS_ONLY.test(text)) return text;
	throw new EndpointInputError(
		param.name,
		`${param.label} must be an ID: up to 128 letters, digits, dots, hyphens, underscores or tildes, and not only dots`,
		`Set ${param.label} to the ID itself, as Smartflo gives it (for example 5101), not a path or a link.`,
	);
}

/** Smartflo's flags are 1 / 0 (Laravel's `boolean` rule does not accept "true" / "false" in a query). */
function flag(value: unknown): 0 | 1 {
	return value === true || value === 1 || value === '1' ? 1 : 0;
}

/** A value left out of a request: undefined, null, blank text or an empty list. */
export function isAbsent(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function convert(param: ParamDefinition, value: unknown, timeZone: string): unknown {
	const fail = (problem: string, hint = `Check ${param.label}.`): never => {
		throw new EndpointInputError(param.name, `${param.label} ${problem}`, hint);
	};
	switch (param.type) {
		case 'text':
			return chosen(param, textOf(value) ?? fail('must be text'), fail);
		case 'integer':
			return bounded(param, integerOf(value) ?? fail('must be a whole number'), fail);
		case 'flag':
			return flag(yesNoOf(value) ?? fail('must be yes or no (1 or 0)'));
		case 'boolean':
			return yesNoOf(value) ?? fail('must be true or false');
		case 'textList':
			return listOf(value).map((entry) => chosen(param, textOf(entry) ?? fail('must be a list of text'), fail));
		case 'integerList':
			return listOf(value).map((entry) => bounded(param, integerOf(entry) ?? fail('must be a list of whole numbers'), fail));
		case 'records': {
			const records = Array.isArray(value) ? value : fail('must be a list of records');
			if (!records.every(isJsonObject)) fail('must be a list of records');
			return records;
		}
		case 'phoneNumber': {
			const number = textOf(value) ?? fail('must be text');
			if (!isCustomerNumber(number))
				fail('must have 10 to 15 digits (a leading + or 0 not counted)', `Give the whole number, such as 9876543210 or +919876543210.`);
			// In a path a + is no plain ID, and some servers read it as a space: the digits go without it.
			return param.in === 'path' ? number.replace(/^\+/, '') : number;
		}
		case 'dateTime': {
			const converted = toSmartfloDateTime(value, timeZone);
			if (!converted.ok) throw new EndpointInputError(param.name, `${param.label}: ${converted.problem}`, DATE_TIME_HINT);
			return converted.value;
		}
	}
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

function integerOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value === 'string' && /^[-+]?\d{1,15}$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

function yesNoOf(value: unknown): boolean | undefined {
	if (value === true || value === 1 || value === '1' || value === 'true') return true;
	if (value === false || value === 0 || value === '0' || value === 'false') return false;
	return undefined;
}

/** A multi-select value, or comma-separated text from an expression, as a list without empty entries. */
export function listOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.filter((entry) => !isAbsent(entry));
	if (typeof value === 'string')
		return value
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	return isAbsent(value) ? [] : [value];
}

function chosen(param: ParamDefinition, text: string, fail: (problem: string) => never): string {
	if (param.choices && !param.choices.includes(text)) fail(`must be one of ${param.choices.join(', ')}, not "${text.slice(0, 40)}"`);
	return text;
}

function bounded(param: ParamDefinition, value: number, fail: (problem: string) => never): number {
	const { min, max } = param;
	if (min !== undefined && max !== undefined && (value < min || value > max)) fail(`must be between ${min} and ${max}`);
	if (min !== undefined && value < min) fail(`must be at least ${min}`);
	if (max !== undefined && value > max) fail(`must be at most ${max}`);
	return value;
}
