import { readFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import type { MachineInfo } from './results';

export function machineInfo(): MachineInfo {
	const cores = cpus();
	return {
		cpus: cores.length,
		cpuModel: cores[0]?.model.trim() ?? 'unknown',
		memoryGb: Math.round(totalmem() / 1024 ** 3),
		node: process.version,
		platform: `${platform()} ${arch()}`,
		busyBeforeRun: undefined,
		loadAverageAtStart: loadavg()[0],
	};
}

/**
 * Share of all CPUs that other processes kept busy during `sampleMs` before the run (Linux only):
 * the numbers are only comparable between runs on an otherwise idle machine.
 */
export async function otherCpuUse(sampleMs = 1000): Promise<number | undefined> {
	const before = await cpuTimes();
	await sleep(sampleMs);
	const after = await cpuTimes();
	if (!before || !after) return undefined;
	const total = after.total - before.total;
	return total > 0 ? (after.busy - before.busy) / total : undefined;
}

async function cpuTimes(): Promise<{ busy: number; total: number } | undefined> {
	try {
		const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0];
		const fields = line.trim().split(/\s+/).slice(1).map(Number);
		const total = fields.reduce((a, b) => a + b, 0);
		const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
		return { busy: total - idle, total };
	} catch {
		return undefined;
	}
}
