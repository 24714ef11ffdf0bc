import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { methodNotAllowed, notFound, payloadTooLarge, type Reply } from './replies';
import type { RouteMatch, RouteShape } from './router';
import type { Input } from './validation';

export type BodyResult = { kind: 'complete'; text: string } | { kind: 'tooLarge' };

/**
 * Reads the whole body. Past `limitBytes` it stops keeping data but still drains the upload, so the
 * client gets to read the 413 instead of a reset connection. Rejects when the client goes away.
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<BodyResult> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limitBytes) chunks.push(chunk);
		});
		request.on('end', () => {
			resolve(size > limitBytes ? { kind: 'tooLarge' } : { kind: 'complete', text: Buffer.concat(chunks).toString('utf8') });
		});
		request.on('error', reject);
		request.on('close', () => {
			if (!request.complete) reject(new Error('Client closed the request before sending it all'));
		});
	});
}

export type Dispatch<R> = { ok: true; route: R; params: Record<string, string>; bodyText: string } | { ok: false; reply: Reply };

/** The endpoint a request reaches, or the answer when it reaches none (body too large, unknown path, wrong method). */
export function dispatch<R extends RouteShape>(match: RouteMatch<R>, body: BodyResult): Dispatch<R> {
	if (body.kind === 'tooLarge') return { ok: false, reply: payloadTooLarge() };
	if (match.kind === 'notFound') return { ok: false, reply: notFound() };
	if (match.kind === 'methodNotAllowed') return { ok: false, reply: methodNotAllowed(match.allowed) };
	return { ok: true, route: match.route, params: match.params, bodyText: body.text };
}

/**
 * JSON or form-encoded input as Laravel sees it: malformed or non-object JSON is empty input, so
 * the endpoint's validation reports the missing fields.
 */
export function parseBody(text: string, contentType: string | undefined): Input {
	if (text.trim() === '') return {};
	if (contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Input) : {};
	} catch {
		return {};
	}
}

/** The body text of a reply: strings as given, bytes as Latin-1, anything else as JSON. */
export function serialise(reply: Reply): string {
	if (Buffer.isBuffer(reply.body)) return reply.body.toString('latin1');
	return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
}

/** Sends the reply; false when the client is gone or an answer was already sent. */
export function writeReply(response: ServerResponse, reply: Reply): boolean {
	if (response.destroyed || response.headersSent) return false;
	const payload = Buffer.isBuffer(reply.body) ? reply.body : serialise(reply);
	response.writeHead(reply.status, {
		'Content-Type': reply.contentType ?? 'application/json',
		'Content-Length': Buffer.byteLength(payload),
		// Smartflo sits behind AWS API Gateway, which tags every response with a request id.
		'x-amzn-RequestId': randomUUID(),
		...reply.headers,
	});
	response.end(payload);
	return true;
}

export function isAuthPath(pathname: string): boolean {
	return pathname.startsWith('/v1/auth/');
}

/** Any versioned Smartflo path (/v1/…, /v2/…) outside /v1/auth/. */
export function isApiPath(pathname: string): boolean {
	return /^\/v\d+\//.test(pathname) && !isAuthPath(pathname);
}

export interface RequestTarget {
	/** Still percent-encoded. */
	pathname: string;
	query: URLSearchParams;
}

/** Splits a request target into its path and its query; no URL parsing, so `//x` stays a path. */
export function splitTarget(target: string | undefined): RequestTarget {
	const raw = target ?? '/';
	const queryStart = raw.indexOf('?');
	if (queryStart === -1) return { pathname: raw, query: new URLSearchParams() };
	return { pathname: raw.slice(0, queryStart), query: new URLSearchParams(raw.slice(queryStart + 1)) };
}
