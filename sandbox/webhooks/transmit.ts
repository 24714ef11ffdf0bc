import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { OutgoingRequest } from './encode';
import type { DeliveryOutcome } from './types';

export interface TransmitResult {
	outcome: DeliveryOutcome;
	status: number | null;
	durationMs: number;
}

/** Responses are read and dropped, but only this much is kept waiting for (a receiver may stream forever). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Sends one delivery and waits for the receiver's status, at most `timeoutMs` for the whole exchange
 * (connect, send, answer), as Smartflo gives up after about 10 s. Never rejects. `signal` abandons it
 * (when the sandbox closes).
 */
export function transmit(outgoing: OutgoingRequest, timeoutMs: number, signal: AbortSignal): Promise<TransmitResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const finish = (outcome: DeliveryOutcome, status: number | null) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			request.destroy();
			resolve({ outcome, status, durationMs: Date.now() - started });
		};
		const send = outgoing.url.protocol === 'https:' ? httpsRequest : httpRequest;
		const headers: Record<string, string | number> = { ...outgoing.headers };
		if (outgoing.body !== undefined) headers['Content-Length'] = Buffer.byteLength(outgoing.body);
		const request = send(outgoing.url, { method: outgoing.method, headers, agent: false }, (response) => {
			const status = response.statusCode ?? null;
			let received = 0;
			response.on('data', (chunk: Buffer) => {
				received += chunk.length;
				if (received > MAX_RESPONSE_BYTES) finish(outcomeOf(status), status);
			});
			response.on('end', () => finish(outcomeOf(status), status));
			response.on('error', () => finish(outcomeOf(status), status));
		});
		const timer = setTimeout(() => finish('timedOut', null), timeoutMs);
		const onAbort = () => finish('networkError', null);
		signal.addEventListener('abort', onAbort);
		request.on('error', () => finish('networkError', null));
		if (signal.aborted) onAbort();
		request.end(outgoing.body);
	});
}

function outcomeOf(status: number | null): DeliveryOutcome {
	return status !== null && status >= 200 && status < 300 ? 'delivered' : 'rejected';
}
