import type { BenchSettings } from './context';
import type { FacadeOverheadResult } from './scenarios/facade-overhead';
import type { HotPathResult } from './scenarios/hot-path';
import type { LoginStormResult } from './scenarios/login-storm';
import type { MemoryResult } from './scenarios/memory';

export interface MachineInfo {
	cpus: number;
	cpuModel: string;
	memoryGb: number;
	node: string;
	platform: string;
	/** Share of all CPUs used by other processes in the second before the run. */
	busyBeforeRun: number | undefined;
	loadAverageAtStart: number;
}

/** The shape of bench/results/latest.json. */
export interface BenchResults {
	startedAt: string;
	durationSeconds: number;
	machine: MachineInfo;
	settings: BenchSettings;
	scenarios: {
		loginStorm?: LoginStormResult;
		facadeOverhead?: FacadeOverheadResult;
		hotPath?: HotPathResult;
		memory?: MemoryResult;
		/** The same requests with the limits and caches in Redis (a redis-server of the benchmark's own). */
		memoryRedis?: MemoryResult;
	};
}
