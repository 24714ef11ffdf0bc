import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ChildServer } from './children/child-server';
import { FULL_SETTINGS, QUICK_SETTINGS, type BenchContext, type BenchSettings } from './context';
import { BENCH_ACCOUNT_COUNT } from './fixtures/accounts';
import { summariseProfiles } from './profile/summarise';
import { profileInProcess } from './profile/in-process';
import { renderReport } from './report';
import { machineInfo, otherCpuUse } from './machine';
import type { BenchResults } from './results';
import { runFacadeOverhead } from './scenarios/facade-overhead';
import { runHotPath } from './scenarios/hot-path';
import { runLoginStorm } from './scenarios/login-storm';
import { runMemory } from './scenarios/memory';
import { startRedisServer } from '../test/scale/redis-server';

const SCENARIOS = ['storm', 'hot', 'facade', 'memory'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

interface Flags {
	quick: boolean;
	rounds?: number;
	memoryLogins?: number;
	profile: boolean;
	only: ScenarioName[];
}

const USAGE = `npm run bench [-- [--quick] [--rounds=N] [--memory-logins=N] [--profile] [--only=${SCENARIOS.join(',')}]]
  --quick    one short round per scenario, to try the harness (its numbers are not the reported ones)
  --rounds   rounds per scenario (default 5)
  --memory-logins  logins in the memory scenario, per store (default 100000), e.g. 400000 to see the plateau
  --profile  CPU profiles of the GraphQL server (facade scenario) and of the hot path, summarised at the end
  --only     run only these scenarios`;

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const resultsDir = join(process.cwd(), 'bench', 'results');
	const profileDir = join(resultsDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
	const settings: BenchSettings = {
		...(flags.quick ? QUICK_SETTINGS : FULL_SETTINGS),
		...(flags.rounds !== undefined ? { rounds: flags.rounds } : {}),
		...(flags.memoryLogins !== undefined ? { memoryLogins: flags.memoryLogins } : {}),
		graphqlExecArgv: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
	};
	if (flags.profile) await mkdir(profileDir, { recursive: true });
	const busyBeforeRun = await otherCpuUse();
	const startedAt = new Date();
	const progress = (line: string) => process.stderr.write(`  ${line}\n`);

	process.stderr.write(`Starting the sandbox with ${BENCH_ACCOUNT_COUNT.toLocaleString('en')} accounts…\n`);
	const sandbox = await ChildServer.start('sandbox-process', { accounts: BENCH_ACCOUNT_COUNT });
	const context: BenchContext = { sandbox, settings, progress };
	const results: BenchResults = {
		startedAt: startedAt.toISOString(),
		durationSeconds: 0,
		machine: { ...machineInfo(), busyBeforeRun },
		settings,
		scenarios: {},
	};
	const selected = (name: ScenarioName) => flags.only.includes(name);
	try {
		if (selected('storm')) {
			process.stderr.write('1. Login storm\n');
			results.scenarios.loginStorm = await runLoginStorm(context);
		}
		if (selected('facade')) {
			process.stderr.write('2. Facade overhead\n');
			results.scenarios.facadeOverhead = await runFacadeOverhead(context);
		}
		if (selected('hot')) {
			process.stderr.write('3. Hot path\n');
			const hot = () => runHotPath(context);
			results.scenarios.hotPath = flags.profile ? await profileInProcess(join(profileDir, 'hot-path.cpuprofile'), hot) : await hot();
		}
		if (selected('memory')) {
			process.stderr.write('4. Memory and throughput, the state in the process, then in Redis\n');
			results.scenarios.memory = await runMemory(context, { kind: 'memory' });
			const redis = await startRedisServer();
			try {
				results.scenarios.memoryRedis = await runMemory(context, { kind: 'redis', url: redis.url });
			} finally {
				await redis.stop();
			}
		}
	} finally {
		await sandbox.stop();
	}
	results.durationSeconds = (Date.now() - startedAt.getTime()) / 1000;

	const report = renderReport(results);
	await mkdir(resultsDir, { recursive: true });
	await writeFile(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, '\t')}\n`);
	await writeFile(join(resultsDir, 'latest.md'), `${report}\n`);
	process.stdout.write(`\n${report}\n\nWritten: bench/results/latest.json, bench/results/latest.md\n`);
	if (flags.profile) process.stdout.write(`\n${await summariseProfiles(profileDir)}\n`);
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = { quick: false, profile: false, only: [...SCENARIOS] };
	for (const arg of argv) {
		if (arg === '--quick') flags.quick = true;
		else if (arg === '--profile') flags.profile = true;
		else if (arg.startsWith('--rounds=')) flags.rounds = positiveInteger(arg);
		else if (arg.startsWith('--memory-logins=')) flags.memoryLogins = positiveInteger(arg);
		else if (arg.startsWith('--only=')) {
			const names = arg.slice('--only='.length).split(',').filter(Boolean);
			const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
			if (unknown.length > 0) usageError(`unknown scenario: ${unknown.join(', ')}`);
			flags.only = names as ScenarioName[];
		} else usageError(`unknown option: ${arg}`);
	}
	return flags;
}

function positiveInteger(arg: string): number {
	const value = Number(arg.slice(arg.indexOf('=') + 1));
	if (!Number.isInteger(value) || value < 1) usageError(`${arg.slice(0, arg.indexOf('='))} needs a positive integer`);
	return value;
}

function usageError(message: string): never {
	process.stderr.write(`bench: ${message}\n${USAGE}\n`);
	process.exit(2);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
