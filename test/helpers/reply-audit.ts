import { resolve } from 'node:path';

import { SMARTFLO_ERROR_CODES } from '../../src/auth';

/** What the audit needs from an HTTP answer, whichever client produced it. */
export interface AuditedReply {
	status: number;
	text: string;
	/** The Retry-After header, if any. */
	retryAfter?: string | null;
}

export interface AuditOptions {
	/** HTTP statuses the scenario allows. */
	statuses: ReadonlySet<number>;
	/** Strings that must never appear in a response (passwords, foreign tokens, upstream bodies). */
	secrets?: readonly string[];
}

/** Statuses a GraphQL answer may have in any scenario: never a 5xx. */
export const GRAPHQL_STATUSES: ReadonlySet<number> = new Set([200, 400, 403, 405, 406, 413, 415, 429]);
/** yoga answers an unsupported request or response media type with a bare status: no body to leak from (the server's own 415 for a compressed body has a GraphQL error body). */
const BODYLESS_STATUSES: ReadonlySet<number> = new Set([406, 415]);

const AUTH_FIELDS = new Set(['login', 'refresh']);
const MASKED_MESSAGE = 'Unexpected error.';
/** A V8 stack frame, a source or module path: signs of an unmasked error. */
const STACK_TRACE = /\n\s+at |\bat \S+ \(\S+:\d+:\d+\)|\.[cm]?[jt]s:\d+|node_modules/;
const REPOSITORY_ROOT = resolve(__dirname, '../..');
/** Marks of upstream bodies the sandbox's faults produce (load balancer pages, gateway messages). */
export const UPSTREAM_BODY_MARKS = [
	'awselb',
	'<html',
	'<center>',
	'Bad Gateway',
	'Endpoint request timed out',
	'Service Unavailable',
	'Internal server error',
];

/**
 * Everything wrong with one answer of the GraphQL server, as readable strings (empty when it is
 * fine): a status outside the allowed set, a body that is not a GraphQL JSON object, a login or
 * refresh payload that is neither a token nor a coded error, a top-level error that shows an
 * original error or a stack, a 429 without a numeric Retry-After, or a secret anywhere in the body.
 */
export function auditReply(reply: AuditedReply, options: AuditOptions): string[] {
	const problems: string[] = [];
	const where = `HTTP ${reply.status} ${reply.text.slice(0, 300)}`;
	if (!options.statuses.has(reply.status)) problems.push(`unexpected status: ${where}`);
	if (STACK_TRACE.test(reply.text) || reply.text.includes(REPOSITORY_ROOT)) problems.push(`stack trace or source path: ${where}`);
	for (const secret of options.secrets ?? []) {
		if (secret && reply.text.includes(secret)) problems.push(`secret ${JSON.stringify(secret.slice(0, 24))} in: ${where}`);
	}
	if (reply.status === 429 && !/^[1-9]\d*$/.test(reply.retryAfter ?? '')) problems.push(`429 without a numeric Retry-After: ${where}`);

	if (BODYLESS_STATUSES.has(reply.status) && reply.text === '') return problems;
	const payloads = jsonPayloads(reply.text);
	if (payloads.length === 0) problems.push(`no JSON payload: ${where}`);
	// A streamed answer's status is sent before its first event: it cannot become a 429.
	const statusesForRateLimited = payloads.length === 1 && payloads[0] === reply.text ? [429] : [200, 429];
	for (const text of payloads) problems.push(...auditPayload(text, reply.status, statusesForRateLimited, where));
	return problems;
}

/**
 * The JSON documents in a body: the body itself, or the `data:` lines of a text/event-stream
 * answer, or the parts of a multipart/mixed one (yoga serves both when the Accept header asks).
 */
export function jsonPayloads(text: string): string[] {
	if (/^(:|event:)/.test(text)) {
		return text
			.split('\n')
			.filter((line) => line.startsWith('data:'))
			.map((line) => line.slice(5).trim())
			.filter((data) => data !== '');
	}
	if (text.startsWith('\r\n---')) {
		return text
			.split('\r\n---')
			.map((part) => part.split('\r\n\r\n').slice(1).join('\r\n\r\n').trim())
			.filter((part) => part !== '' && part !== '--');
	}
	return [text];
}

function auditPayload(text: string, status: number, statusesForRateLimited: number[], where: string): string[] {
	const problems: string[] = [];
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return [`not JSON: ${where}`];
	}
	if (!isObject(body) || !('data' in body || 'errors' in body)) return [`neither data nor errors: ${where}`];
	if ('errors' in body) problems.push(...auditTopLevelErrors(body.errors, where));
	if (isObject(body.data)) {
		for (const [field, value] of Object.entries(body.data)) {
			if (AUTH_FIELDS.has(field) || (isObject(value) && 'ok' in value)) problems.push(...auditAuthPayload(value, where));
		}
	}
	const fields = isObject(body.data) ? Object.values(body.data) : [];
	const rateLimitedField = fields.some((value) => isObject(value) && isObject(value.error) && value.error.code === 'RATE_LIMITED');
	// Next to a field that succeeded, a rate-limited field is data in a 200: the token must not be lost.
	const succeededField = fields.some((value) => isObject(value) && value.ok === true);
	const allowed = succeededField ? [200] : statusesForRateLimited;
	if (rateLimitedField && !allowed.includes(status)) problems.push(`RATE_LIMITED payload with HTTP ${status}: ${where}`);
	return problems;
}

function auditTopLevelErrors(errors: unknown, where: string): string[] {
	if (!Array.isArray(errors) || errors.length === 0) return [`errors is not a non-empty array: ${where}`];
	const problems: string[] = [];
	for (const error of errors) {
		if (!isObject(error) || typeof error.message !== 'string') {
			problems.push(`error without a message: ${where}`);
			continue;
		}
		const extensions = isObject(error.extensions) ? error.extensions : {};
		for (const revealing of ['originalError', 'stack', 'exception']) {
			if (revealing in extensions) problems.push(`error extensions reveal ${revealing}: ${where}`);
		}
		if (extensions.code === 'INTERNAL_SERVER_ERROR' && error.message !== MASKED_MESSAGE)
			problems.push(`internal error not masked: ${where}`);
	}
	return problems;
}

function auditAuthPayload(payload: unknown, where: string): string[] {
	// A field can be null when a sibling error (e.g. masked) nulled the whole data.
	if (payload === null) return [];
	if (!isObject(payload) || typeof payload.ok !== 'boolean') return [`auth payload without ok: ${where}`];
	const problems: string[] = [];
	if (payload.ok) {
		if ('error' in payload && payload.error !== null) problems.push(`ok:true with an error: ${where}`);
		if (
			'token' in payload &&
			!(isObject(payload.token) && typeof payload.token.accessToken === 'string' && payload.token.accessToken.length > 0)
		) {
			problems.push(`ok:true without a token: ${where}`);
		}
		return problems;
	}
	if ('token' in payload && payload.token !== null) problems.push(`ok:false with a token: ${where}`);
	if ('error' in payload) {
		const error = payload.error;
		if (!isObject(error)) problems.push(`ok:false without an error: ${where}`);
		else if ('code' in error && !(SMARTFLO_ERROR_CODES as readonly unknown[]).includes(error.code))
			problems.push(`unknown error code: ${where}`);
	}
	return problems;
}

/** The `error.code` of every login / refresh payload in an answer (for coverage checks). */
export function authErrorCodes(text: string): string[] {
	try {
		const body = JSON.parse(text) as { data?: Record<string, unknown> };
		return Object.values(body.data ?? {}).flatMap((value) =>
			isObject(value) && isObject(value.error) && typeof value.error.code === 'string' ? [value.error.code] : [],
		);
	} catch {
		return [];
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
