import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * How many times n8n sent one request of the node. n8n calls the credential's `authenticate` before
 * every send, passing the options it was given the first time and the options `authenticate` returned
 * after that; so a second count means n8n itself renewed the token and resent (after a 401, or where
 * it supports them, after `preAuthenticationRetryStatusCode` or `shouldRefreshCredentials`).
 * Keyed weakly by the options objects: nothing outlives the request.
 */
const counters = new WeakMap<object, { sends: number }>();

export interface SendCounter {
	readonly sends: number;
}

/** Starts counting the sends of a request made with these options. */
export function countSends(options: IHttpRequestOptions): SendCounter {
	const counter = { sends: 0 };
	counters.set(options, counter);
	return counter;
}

/** Called by `authenticate`: one more send of the request `before` belongs to, which continues as `after`. */
export function recordSend(before: IHttpRequestOptions, after: IHttpRequestOptions): void {
	const counter = counters.get(before);
	if (!counter) return;
	counter.sends += 1;
	counters.set(after, counter);
}
