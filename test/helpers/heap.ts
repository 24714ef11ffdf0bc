import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * V8's full garbage collection, also inside a jest worker that was not started with --expose-gc:
 * the flag is switched on at run time and `gc` is taken from a fresh context, where V8 installs it.
 */
export function fullGarbageCollector(): () => void {
	if (!collect) {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as () => void;
		if (typeof collect !== 'function') throw new Error('could not obtain V8 gc()');
	}
	return collect;
}

/**
 * Stops V8 from dropping the bytecode of functions that have not run for a while. Flushing frees
 * megabytes at moments of V8's choosing (constant pools and boilerplates live in the data spaces
 * too), which would hide a leak of the same size; with it off, the data heap only grows by what
 * the program keeps. Process-wide and harmless: code that runs is compiled either way.
 */
export function keepBytecode(): void {
	setFlagsFromString('--no-flush-bytecode');
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Spaces where V8 keeps compiled code, bytecode and its metadata. They move by megabytes as
 * functions tier up or get their bytecode flushed, whatever the application keeps: a leak check
 * that counted them would measure the JIT.
 */
const CODE_SPACES = new Set([
	'code_space',
	'code_large_object_space',
	'trusted_space',
	'trusted_large_object_space',
	'shared_trusted_space',
	'shared_trusted_large_object_space',
	'read_only_space',
]);

/** Bytes used in the heap spaces that hold data (objects, strings, arrays), i.e. heapUsed without code. */
export function dataHeapBytes(): number {
	return getHeapSpaceStatistics()
		.filter((space) => !CODE_SPACES.has(space.space_name))
		.reduce((sum, space) => sum + space.space_used_size, 0);
}

/**
 * Data heap bytes once the heap has settled: collects, lets timers, sockets and finalizers run,
 * and repeats until two readings in a row agree within `settleBytes` (or `maxRounds` is reached),
 * then returns the smallest reading. Garbage a collection cannot free yet (objects still referenced
 * by a callback that has not run) is given the chance to become free.
 */
export async function settledDataHeapBytes({ settleBytes = 64 * 1024, maxRounds = 12 } = {}): Promise<number> {
	const gc = fullGarbageCollector();
	let smallest = Infinity;
	let previous = Infinity;
	for (let round = 0; round < maxRounds; round++) {
		await turn();
		await new Promise((resolve) => setTimeout(resolve, 10));
		gc();
		const used = dataHeapBytes();
		smallest = Math.min(smallest, used);
		if (Math.abs(used - previous) < settleBytes) break;
		previous = used;
	}
	return smallest;
}
