import { lowerCaseHeaders } from '../http/transport';

/**
 * Smartflo's answer rules, in one place for every face: the auth core reads login and refresh answers
 * through them, the n8n node every other API answer.
 *
 * Smartflo decides success by the body, not the status: `success: false` comes with 200 as well as
 * with 4xx. Gateways in front of it answer with HTML pages, and 429 carries `Retry-After`.
 */

/** An answer as it arrived: the body as text, or as JSON a request helper already parsed. */
export interface RawAnswer {
	status: number;
	/** Header names in any case. */
	headers?: Record<string, unknown>;
	body: unknown;
}

export type JsonObject = Record<string, unknown>;

/** How one endpoint words a refusal in a 2xx body. */
export interface AnswerRules {
	/** The body field whose `false` means "refused" besides `success` (callbacks say `ok`). */
	refusalFlag?: string;
}

export type Answer =
	/** A 2xx JSON answer (or an empty one, `json` undefined) that does not say `success: false`. */
	| { kind: 'ok'; status: number; json: unknown }
	/** `success: false` (or the endpoint's own flag) with any status, or a 3xx/4xx answer; `json` when the body was a JSON object. */
	| { kind: 'refused'; status: number; json?: JsonObject; message: string }
	| { kind: 'rateLimited'; status: number; retryAfterSeconds?: number }
	/** An HTML page from a gateway or a wrong Base URL, whatever the status. */
	| { kind: 'html'; status: number }
	| { kind: 'serverError'; status: number; message: string }
	/** A 2xx body that is neither empty nor JSON (cut off, or not from the Smartflo API). */
	| { kind: 'notJson'; status: number };

/** Smartflo's `message` is cut to this length wherever it is shown. */
const MAX_MESSAGE_LENGTH = 300;
/** A longer pause than a day is not advice a caller can follow; it is reported as a day. */
const MAX_RETRY_AFTER_SECONDS = 86_400;
/** How Smartflo's gateway and backend word a missing, expired, revoked or unusable token. */
const TOKEN_REFUSAL_TEXT = /expired|blacklisted|authorization/i;
/** Of those, how they word a token that has expired (rather than one revoked, blacklisted or missing). */
const TOKEN_EXPIRED_TEXT = /expired/i;
/** Laravel's validation messages are kept for this many fields, this many messages each. */
const MAX_ERROR_FIELDS = 50;
const MAX_MESSAGES_PER_FIELD = 10;
/** The statuses a refused token comes with; any status, with the wording above. */
export const TOKEN_REFUSAL_STATUSES = [401, 403];

export function readAnswer(raw: RawAnswer, rules: AnswerRules = {}): Answer {
	const { status } = raw;
	if (status === 429) {
		const retryAfterSeconds = parseRetryAfter(headerValue(raw.headers, 'retry-after'));
		return retryAfterSeconds === undefined ? { kind: 'rateLimited', status } : { kind: 'rateLimited', status, retryAfterSeconds };
	}
	const { json, text } = parseBody(raw.body);
	if (looksLikeHtml(headerValue(raw.headers, 'content-type'), text)) return { kind: 'html', status };
	const message = messageOf(json);
	if (status >= 500) return { kind: 'serverError', status, message };

	const object = isJsonObject(json) ? json : undefined;
	const refusedByFlag =
		object !== undefined && (object.success === false || (rules.refusalFlag !== undefined && object[rules.refusalFlag] === false));
	if (status >= 300 || refusedByFlag) {
		return object ? { kind: 'refused', status, json: object, message } : { kind: 'refused', status, message };
	}
	if (json === undefined && text !== '') return { kind: 'notJson', status };
	return { kind: 'ok', status, json };
}

/** A refusal that is about the token (401, 403, or Smartflo's expired / blacklisted / Authorization wording). */
export function isTokenRefusal(answer: Answer): boolean {
	if (answer.kind !== 'refused') return false;
	return TOKEN_REFUSAL_STATUSES.includes(answer.status) || TOKEN_REFUSAL_TEXT.test(answer.message);
}

/** Whether Smartflo's words for a refused token say that it has expired. */
export function saysTokenExpired(message: string): boolean {
	return TOKEN_EXPIRED_TEXT.test(message);
}

/**
 * `Retry-After` as whole seconds from now: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	const date = /^\d+$/.test(text) ? undefined : Date.parse(text);
	if (date !== undefined && Number.isNaN(date)) return undefined;
	const seconds = date === undefined ? Number(text) : Math.ceil((date - now) / 1000);
	return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}

/** A number Smartflo sent as a number or as numeric text ("3600"); undefined for anything else. */
export function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A positive {@link numberOf}, such as a lifetime, a page size or a count. */
export function positiveNumberOf(value: unknown): number | undefined {
	const number = numberOf(value);
	return number !== undefined && number > 0 ? number : undefined;
}

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Laravel's `errors: { field: [messages] }` as one line, for validation failures. */
export function validationDetails(json: JsonObject | undefined): string {
	return Object.entries(fieldErrorsOf(json))
		.map(([field, messages]) => `${field}: ${messages.join(' ')}`)
		.join('; ');
}

/**
 * Laravel's `errors: { field: [messages] }`, at most MAX_ERROR_FIELDS fields of MAX_MESSAGES_PER_FIELD
 * messages; names and messages are cut like a `message` after `clean` (see {@link messageOf}).
 */
export function fieldErrorsOf(json: JsonObject | undefined, clean: (text: string) => string = (text) => text): Record<string, string[]> {
	if (!json || !isJsonObject(json.errors)) return {};
	const fields: Record<string, string[]> = {};
	for (const [field, messages] of Object.entries(json.errors).slice(0, MAX_ERROR_FIELDS)) {
		const list = Array.isArray(messages) ? messages.slice(0, MAX_MESSAGES_PER_FIELD) : [messages];
		fields[cut(clean(field))] = list.map((message) => cut(clean(String(message))));
	}
	return fields;
}

function parseBody(body: unknown): { json: unknown; text: string } {
	if (body === undefined || body === null) return { json: undefined, text: '' };
	if (body instanceof Uint8Array) return parseText(new TextDecoder().decode(body));
	if (typeof body === 'string') return parseText(body);
	return { json: body, text: '' };
}

function parseText(raw: string): { json: unknown; text: string } {
	const text = raw.trim();
	if (text === '') return { json: undefined, text };
	try {
		return { json: JSON.parse(text), text };
	} catch {
		return { json: undefined, text };
	}
}

function looksLikeHtml(contentType: string | undefined, text: string): boolean {
	return /text\/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body|\?xml)/i.test(text);
}

/**
 * Smartflo's `message`, which Laravel sometimes makes an object of field messages, cut to
 * MAX_MESSAGE_LENGTH characters. `clean` runs on the whole text before it is cut, so that what it
 * takes out (a secret Smartflo repeated) cannot survive in part.
 */
export function messageOf(json: unknown, clean: (text: string) => string = (text) => text): string {
	if (!isJsonObject(json)) return '';
	const { message } = json;
	let text = '';
	if (typeof message === 'string') text = message;
	else if (isJsonObject(message)) text = Object.values(message).flat().map(String).join(' ');
	return cut(clean(text));
}

function cut(raw: string): string {
	const text = raw.trim();
	return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

/** One response header, whatever the case of its name; repeated values joined with ", ". */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	return lowerCaseHeaders(headers)[name.toLowerCase()];
}
