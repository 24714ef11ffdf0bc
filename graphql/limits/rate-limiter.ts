import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import { SmartfloError } from '../../src/auth';
import { StateUnavailableError } from './state-store';

/** `limit` events per fixed window of `windowSeconds`, which starts with a key's first event. */
export interface RateLimit {
	limit: number;
	windowSeconds: number;
}

/**
 * The longest window a limit may have: 24 days (576 h). The in-memory store ends a window with a Node
 * timer, which holds at most 2^31 − 1 ms (about 24.8 days: a longer one fires after 1 ms and turns the
 * limit off), and the Redis store falls back on the in-memory one during an outage, so both hold the same.
 */
export const MAX_WINDOW_SECONDS = 24 * 24 * 60 * 60;
/** MAX_WINDOW_SECONDS as the help and messages show it. */
export const MAX_WINDOW_TEXT = `${MAX_WINDOW_SECONDS / 86_400} days (${MAX_WINDOW_SECONDS / 3600}h, ${MAX_WINDOW_SECONDS} s)`;

/** What makes `rate` one the stores cannot enforce, as the end of a sentence naming it; undefined when there is nothing. */
export function rateLimitProblem(rate: RateLimit): string | undefined {
	if (!Number.isSafeInteger(rate.limit) || rate.limit < 1) return `must allow a whole number of events, at least 1, got ${rate.limit}`;
	const window = rate.windowSeconds;
	if (window > MAX_WINDOW_SECONDS) return `may have a window of at most ${MAX_WINDOW_TEXT}, got ${window} s`;
	if (!Number.isSafeInteger(window) || window < 1) return `must have a window of a whole number of seconds, at least 1, got ${window}`;
	return undefined;
}

/** A RateLimit as rate-limiter-flexible's options take it: whole numbers, at least 1 each. */
export function limiterOptionsOf(rate: RateLimit): { points: number; duration: number } {
	return { points: Math.max(1, Math.floor(rate.limit)), duration: Math.max(1, Math.floor(rate.windowSeconds)) };
}

export type RateDecision =
	| { allowed: true; /** Epoch ms when the key's window ends: a point given back later than that is gone anyway. */ windowEndsAt: number }
	| { allowed: false; retryAfterSeconds: number };

/** Nothing when `decision` allows the event; else RATE_LIMITED, saying `reason` and when to try again. */
export function enforce(decision: RateDecision, reason: string): void {
	if (decision.allowed) return;
	throw new SmartfloError('RATE_LIMITED', `${reason} Try again in ${decision.retryAfterSeconds} s.`, {
		status: 429,
		retryAfterSeconds: decision.retryAfterSeconds,
	});
}

/** One rate limit over many keys. */
export interface Counter {
	/** Counts one event for `key`, or says how long until the window lets one through. */
	consume(key: string): Promise<RateDecision>;
	/** Gives back an event counted for an attempt that turned out not to count. */
	refund(key: string): Promise<void>;
	/** Forgets `key`: its window starts afresh. */
	reset(key: string): Promise<void>;
}

/**
 * A Counter over a rate-limiter-flexible limiter (RateLimiterMemory or RateLimiterRedis: one API).
 * The library rejects with a RateLimiterRes when the limit is reached and with an Error when its
 * store failed; the latter becomes a StateUnavailableError. `onKey` is told of every key used.
 */
export class FlexibleCounter implements Counter {
	constructor(
		private readonly limiter: RateLimiterAbstract,
		private readonly onKey: (key: string) => void = () => {},
	) {}

	async consume(key: string): Promise<RateDecision> {
		this.onKey(key);
		try {
			const res = await this.limiter.consume(key);
			return { allowed: true, windowEndsAt: Date.now() + Math.max(0, res.msBeforeNext) };
		} catch (rejection) {
			const res = limitReached(rejection);
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
		}
	}

	async refund(key: string): Promise<void> {
		this.onKey(key);
		await storeCall(() => this.limiter.reward(key));
	}

	async reset(key: string): Promise<void> {
		await storeCall(() => this.limiter.delete(key));
	}
}

function limitReached(rejection: unknown): RateLimiterRes {
	// Anything else is the store's failure (a socket error may come from another realm: no instanceof Error).
	if (!(rejection instanceof RateLimiterRes)) throw new StateUnavailableError(rejection);
	return rejection;
}

async function storeCall(call: () => Promise<unknown>): Promise<void> {
	try {
		await call();
	} catch (error) {
		throw new StateUnavailableError(error);
	}
}
