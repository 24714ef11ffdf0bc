import { SmartfloError } from '../../src/auth';
import type { Counter, RateLimit } from './rate-limiter';

/** Short-lived string values by key. Keys are keyed digests; values hold nothing secret in clear text. */
export interface ValueCache {
	get(key: string): Promise<string | undefined>;
	/** Several keys in one read (one round trip, one consistent view in Redis). */
	getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
	set(key: string, value: string, ttlMs: number): Promise<void>;
	/** Sets `key` only when it holds nothing; true when it was set. */
	add(key: string, value: string, ttlMs: number): Promise<boolean>;
	/** Deletes `key` when it still holds `value`. */
	deleteIfEquals(key: string, value: string): Promise<void>;
}

/** What the store says about itself: readiness and the /ready answer follow from it. */
export type StoreHealth =
	{ kind: 'memory' } | { kind: 'redis'; reachable: true } | { kind: 'redis'; reachable: false; outage: RedisOutagePolicy };

/**
 * With Redis unreachable: 'fail-closed' refuses logins, refreshes and data requests (RATE_LIMITED with a Retry-After)
 * and /ready answers 503; 'memory' keeps serving with this process's own limits and caches.
 */
export type RedisOutagePolicy = 'fail-closed' | 'memory';

/**
 * Where the AuthGuard keeps its limits and caches: in this process (MemoryStateStore) or in Redis,
 * shared by every replica (RedisStateStore). Both are used through the same calls.
 */
export interface StateStore {
	/** True when other processes read the same state (Redis): only then do shared flights take leases. */
	readonly shared: boolean;
	counter(name: string, rate: RateLimit): Counter;
	cache(name: string): ValueCache;
	/** For Redis a PING, bounded by the command timeout: a hung Redis reads as unreachable too. */
	health(): Promise<StoreHealth>;
	/** Keys held in this process's memory, per counter or cache name (Redis keeps its own elsewhere). */
	localSizes(): Record<string, number>;
	close(): Promise<void>;
}

/** The store could not be read or written (Redis unreachable, timed out, refused the command). */
export class StateUnavailableError extends Error {
	override readonly name = 'StateUnavailableError';
	/** The store's error code or class name (ECONNREFUSED, …); never its message, which may name hosts. */
	readonly reason: string;

	constructor(cause: unknown) {
		super('The shared state store is unavailable.');
		const details = (cause ?? {}) as { code?: unknown; name?: unknown };
		this.reason = typeof details.code === 'string' ? details.code : typeof details.name === 'string' ? details.name : 'unknown';
	}
}

/** After Smartflo has answered, a store that fails to record it must not cost the caller that answer. */
export async function bestEffort(write: Promise<void>): Promise<void> {
	try {
		await write;
	} catch (error) {
		if (!(error instanceof StateUnavailableError)) throw error;
	}
}

/** What a caller is told to wait while the store cannot be reached (fail-closed). */
export const STATE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Without its limits the server does not ask Smartflo: `work`, with a store that cannot be reached
 * turned into RATE_LIMITED, telling the caller to come back shortly. `paused` names what waits
 * ("Logins and refreshes").
 */
export async function failClosed<T>(paused: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (!(error instanceof StateUnavailableError)) throw error;
		throw new SmartfloError(
			'RATE_LIMITED',
			`${paused} are paused: the server cannot reach its shared limit store. Try again in ${STATE_UNAVAILABLE_RETRY_AFTER_SECONDS} s.`,
			{ retryAfterSeconds: STATE_UNAVAILABLE_RETRY_AFTER_SECONDS },
		);
	}
}
