import type { IHttpRequestOptions } from 'n8n-workflow';

import type { RawAnswer } from '../api/answer';
import {
	TransportError,
	lowerCaseHeaders,
	systemErrorCode,
	type HttpRequest,
	type HttpResponse,
	type HttpTransport,
} from '../http/transport';

/** n8n's plain request helper (`this.helpers.httpRequest`), as the core's transport calls it. */
export type RequestHelper = (options: IHttpRequestOptions) => Promise<unknown>;

/** The plain request helper of an n8n context: a credential hook's `this`, or a node's. */
export function requestHelperOf(context: { helpers: { httpRequest(options: IHttpRequestOptions): Promise<unknown> } }): RequestHelper {
	return async (options) => await context.helpers.httpRequest(options);
}

export interface FullResponse {
	statusCode?: number;
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
	data?: unknown;
}

/** The codes axios and follow-redirects (under n8n's request helpers) give a request that ran out of time. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * An {@link HttpTransport} over an axios-style helper, so that requests follow the host's proxy,
 * TLS and allowed-domain settings. HTTP error statuses come back as responses, not exceptions.
 */
export function createRequestHelperTransport(requestHelper: RequestHelper): HttpTransport {
	return {
		async request(req: HttpRequest): Promise<HttpResponse> {
			let raw: unknown;
			try {
				raw = await requestHelper({
					method: req.method,
					url: req.url,
					headers: req.headers,
					body: req.body,
					timeout: req.timeoutMs,
					json: false,
					encoding: 'text',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				});
			} catch (error) {
				// A helper that throws on >= 400 despite ignoreHttpStatusErrors still carries the response.
				const response = responseOf(error);
				if (response) return toHttpResponse(response);
				throw transportErrorOf(error);
			}
			return toHttpResponse(raw as FullResponse);
		},
	};
}

/** The HTTP response an error of n8n's request helpers carries (axios, or an n8n error wrapping it). */
export function responseOf(error: unknown): FullResponse | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const candidates = [(error as { response?: unknown }).response, (error as { cause?: { response?: unknown } }).cause?.response];
	return candidates.find(
		(candidate): candidate is FullResponse =>
			!!candidate && typeof candidate === 'object' && statusOf(candidate as FullResponse) !== undefined,
	);
}

function statusOf(response: FullResponse): number | undefined {
	const status = response.statusCode ?? response.status;
	return typeof status === 'number' ? status : undefined;
}

/** A response of n8n's request helpers (`returnFullResponse`, or an axios response) as Smartflo's answer rules read it. */
export function answerOf(response: unknown): RawAnswer | undefined {
	if (!response || typeof response !== 'object') return undefined;
	const full = response as FullResponse;
	const status = statusOf(full);
	return status === undefined ? undefined : { status, headers: full.headers, body: full.body ?? full.data };
}

function toHttpResponse(response: FullResponse): HttpResponse {
	const answer = answerOf(response);
	if (!answer) throw new TransportError('network', 'NO_STATUS');
	return { status: answer.status, headers: lowerCaseHeaders(answer.headers), body: bodyText(answer.body) };
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	// Some helpers parse JSON despite being asked for text: serialise it back for the core to read.
	return JSON.stringify(body);
}

/** What an error thrown by n8n's request helpers says about the connection: timeout, too large, or network. */
export function transportErrorOf(error: unknown): TransportError {
	const code = systemErrorCode(error);
	const message = error instanceof Error ? error.message : '';
	if ((code && TIMEOUT_CODES.has(code)) || /timeout|timed out/i.test(message)) return new TransportError('timeout', code);
	if (code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || code === 'ERR_BAD_RESPONSE_SIZE') {
		return new TransportError('response-too-large', code);
	}
	return new TransportError('network', code);
}
