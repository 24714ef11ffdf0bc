import { ExpiringMap } from './expiring-map';

/** `limit` events per `windowSeconds`, refilled continuously. */
export interface RateLimit {
	limit: number;
	windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions extends RateLimit {
	maxKeys: number;
	now?: () => number;
}

interface Bucket {
	tokens: number;
	at: number;
}

/**
 * A token bucket per key: `limit` tokens, refilled at `limit / windowSeconds` per second. One number
 * pair per key, an exact `Retry-After`, and a key whose bucket is full again is forgotten. The number
 * of keys is capped (least recently used first out): an attacker who cycles through more keys than
 * the cap only resets buckets, it cannot make the process grow.
 */
export class RateLimiter {
	readonly #buckets: ExpiringMap<Bucket>;
	readonly #capacity: number;
	readonly #refillPerMs: number;
	readonly #now: () => number;

	constructor(options: RateLimiterOptions) {
		this.#capacity = Math.max(1, Math.floor(options.limit));
		this.#refillPerMs = this.#capacity / (Math.max(1, options.windowSeconds) * 1000);
		this.#now = options.now ?? Date.now;
		this.#buckets = new ExpiringMap({ maxEntries: options.maxKeys, now: this.#now });
	}

	/** Keys currently tracked. */
	get size(): number {
		return this.#buckets.size;
	}

	/** Spends one token for `key`, or says how long until one is available. */
	take(key: string): RateDecision {
		const tokens = this.#tokens(key);
		if (tokens < 1) {
			this.#store(key, tokens);
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.#refillPerMs / 1000)) };
		}
		this.#store(key, tokens - 1);
		return { allowed: true };
	}

	/** Gives back a token taken for an attempt that turned out not to count. */
	refund(key: string): void {
		this.#store(key, Math.min(this.#capacity, this.#tokens(key) + 1));
	}

	/** Forgets `key`: its bucket is full again. */
	reset(key: string): void {
		this.#buckets.delete(key);
	}

	#tokens(key: string): number {
		const bucket = this.#buckets.get(key);
		if (!bucket) return this.#capacity;
		return Math.min(this.#capacity, bucket.tokens + (this.#now() - bucket.at) * this.#refillPerMs);
	}

	#store(key: string, tokens: number): void {
		if (tokens >= this.#capacity) {
			this.#buckets.delete(key);
			return;
		}
		const untilFullMs = Math.ceil((this.#capacity - tokens) / this.#refillPerMs);
		this.#buckets.set(key, { tokens, at: this.#now() }, untilFullMs);
	}
}
