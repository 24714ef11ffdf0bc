/**
 * The promise already stored under `key`, or `execute()` stored under it for as long as the memo lives:
 * one GraphQL request, whose aliased fields making the same call get the same answer. Calls shared
 * between requests while they run are SharedFlights (over the core's SingleFlight) instead.
 */
export function memoized<T>(memo: Map<string, Promise<T>>, key: string, execute: () => Promise<T>): Promise<T> {
	const known = memo.get(key);
	if (known) return known;
	const started = execute();
	memo.set(key, started);
	return started;
}
