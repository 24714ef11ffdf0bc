/**
 * The promise already stored under `key`, or `execute()` stored under it. With `forgetWhenSettled` the
 * key is removed as soon as the promise settles (resolved or rejected): concurrent callers share one
 * execution and nothing is kept beyond it. Without it the promise stays for the map's lifetime (one
 * GraphQL request: its aliased fields get the same answer).
 */
export function joinOrStart<T>(
	promises: Map<string, Promise<T>>,
	key: string,
	execute: () => Promise<T>,
	forgetWhenSettled: boolean,
): Promise<T> {
	const running = promises.get(key);
	if (running) return running;
	const started = forgetWhenSettled ? execute().finally(() => promises.delete(key)) : execute();
	promises.set(key, started);
	return started;
}
