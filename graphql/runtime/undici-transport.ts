import { Agent, request as undiciRequest, type Dispatcher } from 'undici';

import { TransportError, lowerCaseHeaders, systemErrorCode } from '../../src/http/transport';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/http/transport';

export interface UndiciTransportOptions {
	/** Keep-alive sockets per origin (default 16). */
	connections?: number;
	/** Give up connecting after this many milliseconds (default 5000). */
	connectTimeoutMs?: number;
	/** Idle keep-alive sockets are closed after this many milliseconds (default 30000). */
	keepAliveTimeoutMs?: number;
	/** Larger responses are refused: an auth answer is a few hundred bytes (default 1 MiB). */
	maxResponseBytes?: number;
	/** Use this dispatcher instead of creating a pool (e.g. undici's MockAgent in tests). */
	dispatcher?: Dispatcher;
}

export interface UndiciTransport extends HttpTransport {
	/**
	 * Refuses new requests, lets in-flight ones finish, then closes the sockets. With `deadlineMs`,
	 * requests still in flight at the deadline are aborted.
	 */
	close(options?: { deadlineMs?: number }): Promise<void>;
	/** Aborts in-flight requests and closes the sockets at once. */
	destroy(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
	const ownsDispatcher = options.dispatcher === undefined;
	const dispatcher =
		options.dispatcher ??
		new Agent({
			connections: options.connections ?? 16,
			connectTimeout: options.connectTimeoutMs ?? 5_000,
			keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
			maxResponseSize: options.maxResponseBytes ?? 1024 * 1024,
		});

	// undici's Agent forgets its pools on close(), so a later destroy() could not reach requests still
	// in flight: they are aborted through their own controllers instead.
	const closing = new AbortController();
	const inFlight = new Set<AbortController>();
	closing.signal.addEventListener('abort', () => {
		for (const controller of inFlight) controller.abort(closing.signal.reason);
	});

	return {
		async request(req: HttpRequest): Promise<HttpResponse> {
			// One controller and one cleared timer per request: AbortSignal.timeout() keeps its timer (and
			// the signal) alive for the whole timeout after the request is done, and AbortSignal.any()
			// registers every request with the long-lived closing signal.
			const controller = new AbortController();
			let deadlinePassed = false;
			const deadline = setTimeout(() => {
				deadlinePassed = true;
				controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
			}, req.timeoutMs).unref();
			if (closing.signal.aborted) controller.abort(closing.signal.reason);
			inFlight.add(controller);
			try {
				const response = await undiciRequest(req.url, {
					dispatcher,
					method: req.method,
					headers: req.headers,
					body: req.body,
					headersTimeout: req.timeoutMs,
					bodyTimeout: req.timeoutMs,
					signal: controller.signal,
				});
				const body = await response.body.text();
				return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
			} catch (error) {
				throw toTransportError(error, deadlinePassed);
			} finally {
				clearTimeout(deadline);
				inFlight.delete(controller);
			}
		},
		async close({ deadlineMs }: { deadlineMs?: number } = {}) {
			if (!ownsDispatcher) return;
			const timer = deadlineMs === undefined ? undefined : setTimeout(() => closing.abort(), deadlineMs);
			try {
				await dispatcher.close();
			} finally {
				clearTimeout(timer);
			}
		},
		async destroy() {
			closing.abort();
			if (ownsDispatcher) await dispatcher.destroy();
		},
	};
}

/** Keeps only a classification and a code: undici errors can carry URLs and request details. */
function toTransportError(error: unknown, deadlinePassed: boolean): TransportError {
	const code = systemErrorCode(error);
	if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new TransportError('response-too-large', code);
	if (deadlinePassed || (code !== undefined && TIMEOUT_CODES.has(code))) return new TransportError('timeout', code);
	return new TransportError('network', code);
}
