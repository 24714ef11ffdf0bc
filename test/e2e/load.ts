/**
 * A bounded load generator: runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight,
 * calls `onSettled(n)` as the n-th task ends (so a test can act halfway through), and resolves with
 * every result in index order. A task that throws does not stop the others; its error is its result.
 */
export async function runBounded<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	onSettled: (settled: number) => void = () => undefined,
): Promise<Array<T | Error>> {
	const results: Array<T | Error> = new Array(count);
	let next = 0;
	let settled = 0;
	const lane = async (): Promise<void> => {
		while (next < count) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				results[index] = error instanceof Error ? error : new Error(String(error));
			}
			onSettled(++settled);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
	return results;
}
