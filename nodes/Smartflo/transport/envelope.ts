import type { IDataObject } from 'n8n-workflow';

/** What n8n's request helpers return with `returnFullResponse: true`. */
export interface FullResponse {
	body: unknown;
	headers?: IDataObject;
	statusCode: number;
	statusMessage?: string;
}

export interface ApiFailure {
	message: string;
	description: string;
	httpCode: string;
	/** Smartflo's JSON body, when it sent one. */
	body?: IDataObject;
}

export type Envelope =
	| { kind: 'ok'; body: unknown }
	/** The token was refused: a renewal may help. */
	| { kind: 'tokenRefused'; status: number; upstreamMessage: string }
	| { kind: 'failure'; failure: ApiFailure };

/** How Smartflo's gateway and backend word a missing, expired, revoked or unusable token. */
const TOKEN_REFUSAL_TEXT = /expired|blacklisted|authorization/i;
const MAX_UPSTREAM_MESSAGE_LENGTH = 300;

/**
 * Reads a Smartflo answer by Smartflo's rules: HTTP 200 with `success: false` is a refusal, a token
 * can be refused with 401, 403 or a message in any status, and gateways answer with HTML.
 */
export function readEnvelope(response: FullResponse): Envelope {
	const status = response.statusCode;
	const { json, text } = parseBody(response.body);
	const upstreamMessage = messageOf(json);
	const fail = (message: string, description: string): Envelope => ({
		kind: 'failure',
		failure: { message, description, httpCode: String(status), ...(isObject(json) ? { body: json } : {}) },
	});

	if (status === 429) {
		const retryAfter = headerOf(response.headers, 'retry-after');
		return fail(
			'Smartflo is rate limiting requests (HTTP 429)',
			retryAfter
				? `Smartflo asked to wait (Retry-After: ${retryAfter}). Enable Retry On Fail in the node settings, or send fewer requests at once.`
				: 'Enable Retry On Fail in the node settings, or send fewer requests at once.',
		);
	}
	if (isHtml(response, text)) {
		return fail(
			`Smartflo answered with an HTML error page (HTTP ${status}) instead of JSON`,
			'A proxy or load balancer in front of Smartflo failed, or the Base URL does not point to the Smartflo API. Try again later, or check the Base URL.',
		);
	}
	if (status >= 500) {
		return fail(
			`Smartflo had a server error (HTTP ${status})`,
			`${sentence(upstreamMessage)}Try again later, or enable Retry On Fail in the node settings.`,
		);
	}
	if (isTokenRefusal(status, json, upstreamMessage)) return { kind: 'tokenRefused', status, upstreamMessage };
	if (status >= 400) return fail(...describeClientError(status, json, upstreamMessage));
	if (json === undefined && text !== '') {
		return fail(
			`Smartflo answered with a body that is not valid JSON (HTTP ${status})`,
			'The answer was cut off or does not come from the Smartflo API. Try again, or check the Base URL.',
		);
	}
	if (isObject(json) && json.success === false) {
		return fail(
			upstreamMessage ? `Smartflo refused the request: ${upstreamMessage}` : 'Smartflo refused the request',
			'Smartflo answered with success: false. Check the parameters against the message.',
		);
	}
	return { kind: 'ok', body: json ?? {} };
}

/**
 * The records in a Smartflo answer, whatever its shape: a bare array, a list under `results` (call
 * records), `data` (users) or another key, or a single record under `data`.
 */
export function listItems(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body.map(toRecord);
	if (!isObject(body)) return [];
	for (const key of ['results', 'data', 'items', 'ivrs']) {
		if (Array.isArray(body[key])) return (body[key] as unknown[]).map(toRecord);
	}
	if (isObject(body.data)) return [body.data];
	return [body];
}

/** The one record in a single-record answer (`{ data: {…} }` or the object itself). */
export function singleItem(body: unknown): IDataObject {
	if (isObject(body) && isObject(body.data)) return body.data;
	return isObject(body) ? body : { value: body as IDataObject[keyof IDataObject] };
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTokenRefusal(status: number, json: unknown, upstreamMessage: string): boolean {
	if (status === 401 || status === 403) return true;
	const refused = status >= 400 || (isObject(json) && json.success === false);
	return refused && TOKEN_REFUSAL_TEXT.test(upstreamMessage);
}

function describeClientError(status: number, json: unknown, upstreamMessage: string): [string, string] {
	if (status === 422) {
		return [
			`Smartflo rejected the parameters: ${upstreamMessage || 'the given data was invalid'}`,
			validationDetails(json) || 'Check the parameters of this operation.',
		];
	}
	if (status === 404) {
		return [
			upstreamMessage ? `Smartflo could not find it: ${upstreamMessage} (HTTP 404)` : 'Smartflo could not find it (HTTP 404)',
			'Check the ID, and that the Base URL points to the Smartflo API (without /v1).',
		];
	}
	return [
		upstreamMessage ? `Smartflo refused the request: ${upstreamMessage} (HTTP ${status})` : `Smartflo refused the request (HTTP ${status})`,
		'Check the parameters of this operation.',
	];
}

/** Laravel's `errors: { field: [messages] }` as one line. */
function validationDetails(json: unknown): string {
	if (!isObject(json) || !isObject(json.errors)) return '';
	return Object.entries(json.errors)
		.map(([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`)
		.join('; ');
}

function parseBody(body: unknown): { json: unknown; text: string } {
	if (body === undefined || body === null) return { json: undefined, text: '' };
	if (Buffer.isBuffer(body)) return parseText(body.toString('utf8'));
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

/** Smartflo's `message`, which Laravel sometimes makes an object of field messages. */
function messageOf(json: unknown): string {
	if (!isObject(json)) return '';
	const { message } = json;
	let text = '';
	if (typeof message === 'string') text = message;
	else if (isObject(message)) text = Object.values(message).flat().map(String).join(' ');
	text = text.trim();
	return text.length > MAX_UPSTREAM_MESSAGE_LENGTH ? `${text.slice(0, MAX_UPSTREAM_MESSAGE_LENGTH)}…` : text;
}

function isHtml(response: FullResponse, text: string): boolean {
	return /text\/html/i.test(headerOf(response.headers, 'content-type')) || /^<(!doctype|html|head|body)/i.test(text);
}

function headerOf(headers: IDataObject | undefined, name: string): string {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : String(value ?? '');
	}
	return '';
}

function sentence(text: string): string {
	if (!text) return '';
	return /[.!?]$/.test(text) ? `${text} ` : `${text}. `;
}

function toRecord(value: unknown): IDataObject {
	return isObject(value) ? value : { value: value as IDataObject[keyof IDataObject] };
}
