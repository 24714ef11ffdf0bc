import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';

import { FlexibleCounter, limiterOptionsOf, type Counter, type RateLimit } from './rate-limiter';
import type { StateStore, StoreHealth, ValueCache } from './state-store';

export interface MemoryStateStoreOptions {
	/** Keys each counter and cache holds at most; beyond it the least recently used key is forgotten. */
	maxKeys: number;
}

/**
 * Limits and caches in this process: the embedded default, and Redis's insurance during an outage.
 * Counters are rate-limiter-flexible's RateLimiterMemory, whose own map has no bound: every key it is
 * given is also tracked in an LRU list of `maxKeys`, and a key pushed out of the list is deleted from
 * the limiter. An attacker who cycles through more keys than the cap only resets old windows; the
 * process cannot grow. Caches are LRU maps with a time to live per entry.
 */
export class MemoryStateStore implements StateStore {
	readonly shared = false;
	readonly #maxKeys: number;
	readonly #tracked = new Map<string, Pick<LRUCache<string, string | true>, 'purgeStale' | 'size' | 'clear'>>();

	constructor(options: MemoryStateStoreOptions) {
		this.#maxKeys = Math.max(1, Math.floor(options.maxKeys));
	}

	counter(name: string, rate: RateLimit): Counter {
		const { points, duration } = limiterOptionsOf(rate);
		const limiter = new RateLimiterMemory({ points, duration, keyPrefix: name });
		const keys = this.#track(
			name,
			new LRUCache<string, true>({
				max: this.#maxKeys,
				// A key is tracked a window past its last use, so it outlives the limiter's record of it.
				ttl: duration * 1000,
				dispose: (_value, key, reason) => {
					if (reason === 'evict' || reason === 'expire') void limiter.delete(key);
				},
			}),
		);
		return new FlexibleCounter(limiter, (key) => keys.set(key, true));
	}

	cache(name: string): ValueCache {
		const entries = this.#track(name, new LRUCache<string, string>({ max: this.#maxKeys }));
		const put = (key: string, value: string, ttlMs: number) => entries.set(key, value, { ttl: Math.max(1, ttlMs) });
		return {
			get: async (key) => entries.get(key),
			getMany: async (keys) => keys.map((key) => entries.get(key)),
			set: async (key, value, ttlMs) => {
				put(key, value, ttlMs);
			},
			add: async (key, value, ttlMs) => {
				if (entries.has(key)) return false;
				put(key, value, ttlMs);
				return true;
			},
			deleteIfEquals: async (key, value) => {
				if (entries.peek(key) === value) entries.delete(key);
			},
		};
	}

	async health(): Promise<StoreHealth> {
		return { kind: 'memory' };
	}

	localSizes(): Record<string, number> {
		const sizes: Record<string, number> = {};
		for (const [name, entries] of this.#tracked) {
			entries.purgeStale();
			sizes[name] = entries.size;
		}
		return sizes;
	}

	async close(): Promise<void> {
		for (const entries of this.#tracked.values()) entries.clear();
	}

	#track<V extends string | true>(name: string, entries: LRUCache<string, V>): LRUCache<string, V> {
		if (this.#tracked.has(name)) throw new Error(`state "${name}" is declared twice`);
		this.#tracked.set(name, entries);
		return entries;
	}
}
