import { getHeapSpaceStatistics } from 'node:v8';

/** Messages between the benchmark and the servers it runs in child processes (over the fork IPC channel). */

export interface MemorySnapshot {
	rssBytes: number;
	heapUsedBytes: number;
	heapTotalBytes: number;
	/** Memory outside the JS heap held by JS objects (buffers, native handles). */
	externalBytes: number;
	/** Reserved for V8's young generation: it grows under allocation pressure and stays reserved, empty, after GC. */
	newSpaceBytes: number;
	/** CPU time the process has used so far (user + system), in microseconds. */
	cpuMicros: number;
	/** True when a full GC ran just before the numbers were read (the child was started with --expose-gc). */
	afterGc: boolean;
}

export type ParentMessage = { type: 'snapshot'; id: number; gc: boolean } | { type: 'stop' };

export type ChildMessage =
	| { type: 'ready'; url: string }
	| { type: 'snapshot'; id: number; memory: MemorySnapshot; state?: Record<string, number> }
	| { type: 'stopped' };

export interface ChildHooks {
	/** Extra numbers reported with each memory snapshot (e.g. the size of rate-limiter maps). */
	state?: () => Record<string, number>;
	stop: () => Promise<void>;
}

/** Child side: announces the URL, answers snapshots, and stops on request or when the parent goes away. */
export function serveParent(url: string, hooks: ChildHooks): void {
	const send = (message: ChildMessage) => process.send?.(message);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await hooks.stop().catch(() => undefined);
		send({ type: 'stopped' });
		process.disconnect?.();
		process.exit(0);
	};
	process.on('message', (message: ParentMessage) => {
		if (message.type === 'stop') void stop();
		if (message.type === 'snapshot') send({ type: 'snapshot', id: message.id, memory: memorySnapshot(message.gc), state: hooks.state?.() });
	});
	process.on('disconnect', () => void stop());
	send({ type: 'ready', url });
}

function memorySnapshot(collect: boolean): MemorySnapshot {
	const gc = collect ? (globalThis as { gc?: () => void }).gc : undefined;
	// Two passes: the first can leave objects with finalizers for the second.
	gc?.();
	gc?.();
	const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
	const newSpaceBytes = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
	const { user, system } = process.cpuUsage();
	return {
		cpuMicros: user + system,
		rssBytes: rss,
		heapUsedBytes: heapUsed,
		heapTotalBytes: heapTotal,
		externalBytes: external,
		newSpaceBytes,
		afterGc: gc !== undefined,
	};
}

/** The child's options, passed as JSON in argv[2]. */
export function childOptions<T>(): T {
	return JSON.parse(process.argv[2] ?? '{}') as T;
}
