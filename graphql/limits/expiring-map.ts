export interface ExpiringMapOptions {
	/** Beyond this many keys the least recently used key is dropped, so memory stays bounded. */
	maxEntries: number;
	/** Clock in epoch ms. */
	now?: () => number;
}

interface Entry<V> {
	value: V;
	expiresAt: number;
}

/**
 * A map whose entries expire after their own time to live and which never holds more than
 * `maxEntries` keys (least recently used first out). Map iteration order is insertion order, so
 * re-inserting on every read or write keeps the oldest key at the front.
 */
export class ExpiringMap<V> {
	readonly #entries = new Map<string, Entry<V>>();
	readonly #maxEntries: number;
	readonly #now: () => number;

	constructor(options: ExpiringMapOptions) {
		this.#maxEntries = Math.max(1, Math.floor(options.maxEntries));
		this.#now = options.now ?? Date.now;
	}

	get size(): number {
		return this.#entries.size;
	}

	get(key: string): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		if (entry.expiresAt <= this.#now()) return undefined;
		this.#entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V, ttlMs: number): void {
		this.#entries.delete(key);
		this.#entries.set(key, { value, expiresAt: this.#now() + Math.max(0, ttlMs) });
		this.#evict();
	}

	delete(key: string): void {
		this.#entries.delete(key);
	}

	#evict(): void {
		const now = this.#now();
		for (const [key, entry] of this.#entries) {
			if (this.#entries.size <= this.#maxEntries && entry.expiresAt > now) break;
			this.#entries.delete(key);
		}
	}
}
