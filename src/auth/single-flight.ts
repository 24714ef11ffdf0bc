/**
 * Concurrent callers of the same key share one execution: the first call starts it, later calls join
 * the promise while it runs, and the key is forgotten as soon as it settles (resolved or rejected),
 * so a failure is never handed to a later caller. Nothing else is kept: no timers, no results.
 */
export class SingleFlight<T, K = string> {
	readonly #flights = new Map<K, Promise<T>>();

	/** The execution running for `key`, or `execute()` started for it. */
	run(key: K, execute: () => Promise<T>): Promise<T> {
		const running = this.#flights.get(key);
		if (running) return running;
		let started: Promise<T>;
		try {
			started = execute();
		} catch (error) {
			started = Promise.reject(error);
		}
		const flight = started.finally(() => {
			if (this.#flights.get(key) === flight) this.#flights.delete(key);
		});
		this.#flights.set(key, flight);
		return flight;
	}

	/** Whether an execution is running for `key`. */
	has(key: K): boolean {
		return this.#flights.has(key);
	}

	/** How many executions are running. */
	get size(): number {
		return this.#flights.size;
	}
}
