import type { BenchResults } from './results';
import type { AcrossRounds } from './stats';
import { mb, type MemoryCheckpoint, type MemoryResult } from './scenarios/memory';

export interface Goal {
	name: string;
	target: string;
	measured: string;
	met: boolean;
}

export function goalsOf({ scenarios: s }: BenchResults): Goal[] {
	const goals: Goal[] = [];
	if (s.loginStorm) {
		const logins = s.loginStorm.upstreamLogins;
		goals.push({ name: 'Login storm: upstream logins', target: '1', measured: logins.join(', '), met: logins.every((n) => n === 1) });
	}
	if (s.facadeOverhead) {
		const added = s.facadeOverhead.facadeAddedP50Ms.median;
		const share = s.facadeOverhead.facadeVsBareThroughput.median;
		goals.push({ name: 'Facade: added p50 latency, concurrency 1', target: '≤ 1 ms', measured: `${added.toFixed(2)} ms`, met: added <= 1 });
		goals.push({ name: 'Facade: throughput vs bare proxy, concurrency 32', target: '≥ 50%', measured: percent(share), met: share >= 0.5 });
	}
	if (s.hotPath) {
		const r = s.hotPath.authOverheadRatio.median;
		goals.push({ name: 'Hot path: authenticated / prepared request', target: '≤ 1.05', measured: r.toFixed(3), met: r <= 1.05 });
	}
	if (s.memory && s.memoryRedis) {
		const [inProcess, inRedis] = [s.memory, s.memoryRedis];
		const same = inProcess.upstreamLogins === inRedis.upstreamLogins && inProcess.upstreamFailedLogins === inRedis.upstreamFailedLogins;
		goals.push({
			name: 'Redis: the same requests reach Smartflo as with the state in the process',
			target: `${inProcess.upstreamLogins.toLocaleString('en')} logins, ${inProcess.upstreamFailedLogins.toLocaleString('en')} rejected`,
			measured: `${inRedis.upstreamLogins.toLocaleString('en')} logins, ${inRedis.upstreamFailedLogins.toLocaleString('en')} rejected`,
			met: same && inRedis.failedResponses === 0,
		});
	}
	if (s.memory) {
		const { peakState, maxTrackedKeys } = s.memory;
		const largest = Math.max(
			...Object.entries(peakState)
				.filter(([k]) => k !== 'inFlight')
				.map(([, v]) => v),
		);
		const inFlight = peakState.inFlight ?? 0;
		goals.push({
			name: 'Memory: limiter and cache state bounded',
			target: `each map ≤ ${maxTrackedKeys.toLocaleString('en')}; in flight ≤ 32`,
			measured: `largest map ${largest.toLocaleString('en')}; in flight ${inFlight}`,
			met: largest <= maxTrackedKeys && inFlight <= 32,
		});
	}
	return goals;
}

/** The results as Markdown: pasteable into docs/performance.md#results. */
export function renderReport(results: BenchResults): string {
	const { machine, settings, scenarios: s } = results;
	const out: string[] = [];
	out.push(
		`Machine: ${machine.cpus} vCPU (${machine.cpuModel}), shared by the load generator, the sandbox and the server under test; ${machine.memoryGb} GB RAM; Node ${machine.node} on ${machine.platform}.`,
	);
	if (machine.busyBeforeRun !== undefined) {
		out.push(
			`Other processes kept ${percent(machine.busyBeforeRun)} of the CPUs busy in the second before the run${machine.busyBeforeRun > 0.1 ? ' (WARNING: the numbers are disturbed)' : ''}.`,
		);
	}
	out.push(
		`Each number is the median of ${settings.rounds} round(s), with the spread of the rounds (min–max) in brackets. Run took ${results.durationSeconds.toFixed(0)} s.`,
	);

	if (s.loginStorm) {
		const r = s.loginStorm;
		out.push('', `### 1. Login storm: ${r.callers.toLocaleString('en')} concurrent getToken() on a cold TokenSession`, '');
		out.push(
			...table(
				['Measure', 'Value'],
				[
					['Upstream logins per storm (goal 1)', r.upstreamLogins.join(', ')],
					['Time to token, p50', ms(r.timeToTokenP50Ms)],
					['Time to token, p99', ms(r.timeToTokenP99Ms)],
					['One direct client.login() (median of 20)', ms(r.directLoginMs)],
					[`Issuing the ${r.callers.toLocaleString('en')} getToken() calls (before any answer can be read)`, ms(r.issueAllCallsMs)],
					['Storm p50 / direct login', `${r.p50VsDirect.toFixed(2)}×`],
					['Storm p99 / direct login', `${r.p99VsDirect.toFixed(2)}×`],
				],
			),
		);
	}

	if (s.facadeOverhead) {
		const r = s.facadeOverhead;
		const names = {
			direct: 'Sandbox direct (POST /v1/auth/login)',
			bareProxy: 'Bare proxy (node:http → undici Pool)',
			facade: 'GraphQL facade (login mutation)',
		};
		out.push('', '### 2. Facade overhead: one login, three ways', '');
		out.push(
			...table(
				[
					'Target',
					'p50, c=1',
					'p99, c=1',
					'req/s, c=32',
					'p50, c=32',
					'p99, c=32',
					'Server CPU / response, c=32',
					'Upstream logins / response',
				],
				(['direct', 'bareProxy', 'facade'] as const).map((name) => {
					const t = r.targets[name];
					return [
						names[name],
						ms(t.p50Ms),
						ms(t.p99Ms),
						rps(t.requestsPerSecond),
						ms(t.p50AtThroughputMs),
						ms(t.p99AtThroughputMs),
						us(t.serverCpuMicrosPerResponse),
						t.upstreamLoginsPerResponse.toFixed(3),
					];
				}),
			),
		);
		out.push(
			'',
			...table(
				['Ratio', 'Value'],
				[
					['Facade added p50 latency, c=1 (goal ≤ 1 ms)', ms(r.facadeAddedP50Ms)],
					['Bare proxy added p50 latency, c=1', ms(r.bareProxyAddedP50Ms)],
					[
						'Facade req/s ÷ bare proxy req/s, c=32 (goal ≥ 50%)',
						`${percent(r.facadeVsBareThroughput.median)} (${percent(r.facadeVsBareThroughput.min)}–${percent(r.facadeVsBareThroughput.max)})`,
					],
					[
						'Facade req/s ÷ direct req/s, c=32',
						percent(r.targets.facade.requestsPerSecond.median / r.targets.direct.requestsPerSecond.median),
					],
					[
						'Facade server CPU ÷ bare proxy CPU, per response',
						`${(r.targets.facade.serverCpuMicrosPerResponse.median / r.targets.bareProxy.serverCpuMicrosPerResponse.median).toFixed(1)}×`,
					],
				],
			),
		);
		const failed = Object.values(r.targets).reduce((sum, t) => sum + t.failedResponses, 0);
		if (failed > 0) out.push('', `Warning: ${failed} response(s) failed (non-2xx, error or timeout).`);
	}

	if (s.hotPath) {
		const r = s.hotPath;
		out.push('', '### 3. Hot path', '');
		out.push(
			...table(
				['Measure', 'Value'],
				[
					['getToken() on a warm session', opsPerSecond(r.getTokenOpsPerSecond)],
					['Awaiting a ready value (the floor for any async getter)', opsPerSecond(r.awaitFloorOpsPerSecond)],
					[
						'Authentication work per request: getToken() + Authorization header',
						`${spread(r.authWorkNsPerRequest, (n) => n.toFixed(0))} ns`,
					],
					['GET /v1/my_number with getToken() + header per request (median latency)', us(r.authenticatedUsPerRequest)],
					['Same request, headers prepared once (median latency; interleaved with the above)', us(r.preparedUsPerRequest)],
					[
						'Authenticated ÷ prepared (goal ≤ 1.05)',
						`${r.authOverheadRatio.median.toFixed(3)} (${r.authOverheadRatio.min.toFixed(3)}–${r.authOverheadRatio.max.toFixed(3)})`,
					],
				],
			),
		);
	}

	if (s.memory) {
		const r = s.memory;
		const keys = ['ipLimiter', 'emailLimiter', 'lockoutBudget', 'rejections', 'refreshed', 'flights', 'inFlight'];
		out.push(
			'',
			`### 4. Memory of the GraphQL server process: ${r.logins.toLocaleString('en')} logins over ${r.distinctEmails.toLocaleString('en')} emails`,
			'',
		);
		out.push(...memoryTable(r, keys));
		out.push(
			'',
			`Cap per map (maxTrackedKeys, default): ${r.maxTrackedKeys.toLocaleString('en')}. Distinct (email, wrong password) pairs sent: ${r.distinctRejectedPairs.toLocaleString('en')}. Upstream: ${r.upstreamLogins.toLocaleString('en')} logins, ${r.upstreamFailedLogins.toLocaleString('en')} rejected. Load: ${Math.round(r.requestsPerSecond).toLocaleString('en')} req/s at c=32, ${r.failedResponses} failed responses.`,
		);
	}

	if (s.memoryRedis) {
		const r = s.memoryRedis;
		const keys = ['flights', 'inFlight'];
		out.push(
			'',
			`### 5. The same with the limits and caches in Redis: ${r.logins.toLocaleString('en')} logins over ${r.distinctEmails.toLocaleString('en')} emails`,
			'',
		);
		out.push(...memoryTable(r, keys, REDIS_COLUMNS));
		out.push(
			'',
			`Upstream: ${r.upstreamLogins.toLocaleString('en')} logins, ${r.upstreamFailedLogins.toLocaleString('en')} rejected. ${r.failedResponses} failed responses. Redis (a redis-server of the benchmark's own, on loopback) shares the two vCPUs too.`,
		);
		if (s.memory) {
			const p = s.memory;
			const last = (m: MemoryResult) => m.checkpoints[m.checkpoints.length - 1];
			const row = (name: string, inProcess: number, inRedis: number, format: (n: number) => string): string[] => [
				name,
				format(inProcess),
				format(inRedis),
				`${(inRedis / inProcess).toFixed(2)}×`,
			];
			out.push(
				'',
				...table(
					['Same requests, same run', 'State in the process', 'State in Redis', 'Redis ÷ process'],
					[
						row('Throughput, c=32 (req/s)', p.requestsPerSecond, r.requestsPerSecond, (n) => Math.round(n).toLocaleString('en')),
						row('Latency p50, c=32', p.p50Ms, r.p50Ms, (n) => `${n.toFixed(2)} ms`),
						row('Latency p99, c=32', p.p99Ms, r.p99Ms, (n) => `${n.toFixed(2)} ms`),
						row('Server RSS after all logins', last(p).rssBytes, last(r).rssBytes, mb),
						row('Server JS heap after all logins (after GC)', last(p).heapUsedBytes, last(r).heapUsedBytes, mb),
					],
				),
			);
			const stored = last(r).redis;
			if (stored && stored.keys > 0)
				out.push(
					'',
					`Redis held ${count(stored.keys)} keys in ${mb(stored.usedMemoryBytes)} after the run (${Math.round((stored.usedMemoryBytes - (r.idle.redis?.usedMemoryBytes ?? 0)) / stored.keys)} bytes per key); each expires with its window or time to live.`,
				);
		}
	}

	const goals = goalsOf(results);
	if (goals.length > 0) {
		out.push('', '### Goals', '');
		out.push(
			...table(
				['Goal', 'Target', 'Measured', 'Met'],
				goals.map((g) => [g.name, g.target, g.measured, g.met ? 'yes' : 'no']),
			),
		);
	}
	return out.join('\n');
}

/** A column read off each checkpoint of a memory run; blank in the peak row, which has only map sizes. */
interface CheckpointColumn {
	header: string;
	cell: (c: MemoryCheckpoint) => string;
}

const REDIS_COLUMNS: CheckpointColumn[] = [
	{ header: 'Redis used memory', cell: (c) => (c.redis ? mb(c.redis.usedMemoryBytes) : '') },
	{ header: 'Redis keys', cell: (c) => (c.redis ? count(c.redis.keys) : '') },
];

/** The server's memory and the sizes of the `stateKeys` maps after each checkpoint, then the peak size of each map. */
function memoryTable(r: MemoryResult, stateKeys: readonly string[], extraColumns: readonly CheckpointColumn[] = []): string[] {
	const row = (after: string, c: MemoryCheckpoint) => [
		after,
		mb(c.rssBytes),
		mb(c.heapUsedBytes),
		mb(c.newSpaceBytes),
		...stateKeys.map((k) => count(c.state[k])),
		...extraColumns.map((column) => column.cell(c)),
	];
	return table(
		['After', 'RSS', 'JS heap used (after GC)', 'Young generation reserved', ...stateKeys, ...extraColumns.map((column) => column.header)],
		[
			row('idle (just started)', r.idle),
			...r.checkpoints.map((c) => row(`${c.logins.toLocaleString('en')} logins`, c)),
			['peak while loading', '', '', '', ...stateKeys.map((k) => count(r.peakState[k])), ...extraColumns.map(() => '')],
		],
	);
}

function table(header: string[], rows: string[][]): string[] {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

function spread(r: AcrossRounds, format: (n: number) => string): string {
	return r.rounds.length > 1 ? `${format(r.median)} (${format(r.min)}–${format(r.max)})` : format(r.median);
}

const ms = (r: AcrossRounds) => `${spread(r, (n) => n.toFixed(2))} ms`;
const us = (r: AcrossRounds) => `${spread(r, (n) => n.toFixed(0))} µs`;
const rps = (r: AcrossRounds) => spread(r, (n) => Math.round(n).toLocaleString('en'));
const opsPerSecond = (r: AcrossRounds) => `${spread(r, (n) => `${(n / 1e6).toFixed(2)}M`)} ops/s`;
const percent = (n: number) => `${(n * 100).toFixed(0)}%`;
const count = (n: number | undefined) => (n === undefined ? '' : n.toLocaleString('en'));
