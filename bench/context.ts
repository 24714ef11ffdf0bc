import type { ChildServer } from './children/child-server';

export interface BenchSettings {
	/** Rounds per scenario; the median round is reported. */
	rounds: number;
	/** Seconds per autocannon run at concurrency 1 and 32. */
	latencySeconds: number;
	throughputSeconds: number;
	warmupSeconds: number;
	stormCallers: number;
	hotPathCalls: number;
	/** Requests per variant and round in the authenticated-vs-prepared comparison. */
	hotPathRequests: number;
	memoryLogins: number;
	memoryEmails: number;
	/** Node flags for the GraphQL server child (e.g. --cpu-prof). */
	graphqlExecArgv: string[];
}

export interface BenchContext {
	sandbox: ChildServer;
	settings: BenchSettings;
	progress: (line: string) => void;
}

export const FULL_SETTINGS: BenchSettings = {
	rounds: 5,
	latencySeconds: 2,
	throughputSeconds: 3,
	warmupSeconds: 1,
	stormCallers: 1_000,
	hotPathCalls: 200_000,
	hotPathRequests: 10_000,
	memoryLogins: 100_000,
	memoryEmails: 10_000,
	graphqlExecArgv: [],
};

/** For trying the harness: same shape, far fewer samples; numbers from it are not reported. */
export const QUICK_SETTINGS: BenchSettings = {
	...FULL_SETTINGS,
	rounds: 1,
	latencySeconds: 1,
	throughputSeconds: 1,
	warmupSeconds: 0.5,
	hotPathCalls: 20_000,
	hotPathRequests: 2_000,
	memoryLogins: 10_000,
};
