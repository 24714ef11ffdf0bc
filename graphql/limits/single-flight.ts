/**
 * Concurrent calls with the same key share one execution. The key is forgotten as soon as the
 * execution settles (resolved or rejected), so nothing is cached beyond the call itself.
 */
export class SingleFlight<T> {
	readonly #inFlight = new Map<string, Promise<T>>();

	get size(): number {
		return this.#inFlight.size;
	}

	run(key: string, execute: () => Promise<T>): Promise<T> {
		const running = this.#inFlight.get(key);
		if (running) return running;
		const started = execute().finally(() => this.#inFlight.delete(key));
		this.#inFlight.set(key, started);
		return started;
	}
}
