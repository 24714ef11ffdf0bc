import { ChildServer } from '../children/child-server';
import type { BenchContext } from '../context';
import { BENCH_PASSWORD, benchEmail } from '../fixtures/accounts';
import { graphqlLoginBody, restLoginBody } from '../fixtures/login-bodies';
import { LOAD_TEST_LIMITS } from '../fixtures/server-limits';
import { runLoad, type LoadResult } from '../load/autocannon-run';
import { sandboxStats } from '../load/sandbox-stats';
import { acrossRounds, percentile, ratio, type AcrossRounds } from '../stats';

export const THROUGHPUT_CONNECTIONS = 32;

export type FacadeTargetName = 'direct' | 'bareProxy' | 'facade';

export interface FacadeTargetResult {
	url: string;
	p50Ms: AcrossRounds;
	p99Ms: AcrossRounds;
	requestsPerSecond: AcrossRounds;
	p50AtThroughputMs: AcrossRounds;
	p99AtThroughputMs: AcrossRounds;
	/** CPU time of the process answering the client (sandbox, proxy or GraphQL server) per response, at c=32. */
	serverCpuMicrosPerResponse: AcrossRounds;
	/** Sandbox logins per response during the throughput runs: 1 means equal upstream work. */
	upstreamLoginsPerResponse: number;
	failedResponses: number;
}

export interface FacadeOverheadResult {
	targets: Record<FacadeTargetName, FacadeTargetResult>;
	/** Per round: facade p50 − direct p50 at concurrency 1 (goal ≤ 1 ms). */
	facadeAddedP50Ms: AcrossRounds;
	bareProxyAddedP50Ms: AcrossRounds;
	/** Per round: facade rps / bare proxy rps at concurrency 32 (goal ≥ 0.5). */
	facadeVsBareThroughput: AcrossRounds;
}

interface Target {
	name: FacadeTargetName;
	url: string;
	/** The process that answers this target's clients. */
	server: ChildServer;
	body: (n: number) => string;
}

interface Samples {
	p50: number[];
	p99: number[];
	rps: number[];
	p50AtThroughput: number[];
	p99AtThroughput: number[];
	cpuPerResponse: number[];
	responses: number;
	upstreamLogins: number;
	failed: number;
}

/**
 * The `login` mutation through the GraphQL server against the same login sent straight to the
 * sandbox and through a bare node:http → undici proxy. Every request logs in a different account
 * (cycling over the sandbox's accounts), so the server's single-flight cannot merge them: each target
 * costs exactly one upstream login per request.
 */
export async function runFacadeOverhead({ sandbox, settings, progress }: BenchContext): Promise<FacadeOverheadResult> {
	const graphql = await ChildServer.start(
		'graphql-process',
		{ upstreamUrl: sandbox.url, limits: LOAD_TEST_LIMITS },
		{ execArgv: settings.graphqlExecArgv },
	);
	const proxy = await ChildServer.start('bare-proxy-process', { upstreamUrl: sandbox.url });
	try {
		const credentials = (n: number) => ({ email: benchEmail(n), password: BENCH_PASSWORD });
		const targets: Target[] = [
			{ name: 'direct', url: `${sandbox.url}/v1/auth/login`, server: sandbox, body: (n) => restLoginBody(credentials(n)) },
			{ name: 'bareProxy', url: `${proxy.url}/v1/auth/login`, server: proxy, body: (n) => restLoginBody(credentials(n)) },
			{ name: 'facade', url: graphql.url, server: graphql, body: (n) => graphqlLoginBody(credentials(n)) },
		];
		for (const target of targets) await expectSuccessfulLogin(target);

		let offset = 0;
		const load = async (target: Target, connections: number, durationSeconds: number) => {
			const start = offset;
			const result = await runLoad({ url: target.url, connections, durationSeconds, body: (n) => target.body(start + n) });
			offset += result.bodiesBuilt;
			return result;
		};
		for (const target of targets) await load(target, THROUGHPUT_CONNECTIONS, settings.warmupSeconds);

		const samples = Object.fromEntries(targets.map((t) => [t.name, emptySamples()])) as Record<FacadeTargetName, Samples>;
		for (let round = 0; round < settings.rounds; round++) {
			// Rotating the order spreads any drift of the shared machine over all targets.
			const ordered = targets.map((_, i) => targets[(i + round) % targets.length]);
			for (const target of ordered) {
				const s = samples[target.name];
				const single = await load(target, 1, settings.latencySeconds);
				s.p50.push(percentile(single.latenciesMs, 50));
				s.p99.push(percentile(single.latenciesMs, 99));
				s.failed += failures(single);
				const before = await sandboxStats(sandbox.url);
				const cpuBefore = (await target.server.snapshot({ gc: false })).memory.cpuMicros;
				const many = await load(target, THROUGHPUT_CONNECTIONS, settings.throughputSeconds);
				const cpuAfter = (await target.server.snapshot({ gc: false })).memory.cpuMicros;
				const after = await sandboxStats(sandbox.url);
				s.cpuPerResponse.push((cpuAfter - cpuBefore) / many.responses);
				s.rps.push(many.requestsPerSecond);
				s.p50AtThroughput.push(percentile(many.latenciesMs, 50));
				s.p99AtThroughput.push(percentile(many.latenciesMs, 99));
				s.responses += many.responses;
				s.upstreamLogins += after.logins - before.logins;
				s.failed += failures(many);
			}
			const line = targets.map(
				(t) => `${t.name} p50 ${samples[t.name].p50[round].toFixed(2)} ms ${Math.round(samples[t.name].rps[round])} rps`,
			);
			progress(`facade round ${round + 1}: ${line.join(', ')}`);
		}

		const perRound = (f: (round: number) => number) => acrossRounds(samples.direct.p50.map((_, round) => f(round)));
		return {
			targets: Object.fromEntries(targets.map((t) => [t.name, summarise(t.url, samples[t.name])])) as Record<
				FacadeTargetName,
				FacadeTargetResult
			>,
			facadeAddedP50Ms: perRound((r) => samples.facade.p50[r] - samples.direct.p50[r]),
			bareProxyAddedP50Ms: perRound((r) => samples.bareProxy.p50[r] - samples.direct.p50[r]),
			facadeVsBareThroughput: perRound((r) => ratio(samples.facade.rps[r], samples.bareProxy.rps[r])),
		};
	} finally {
		await Promise.all([graphql.stop(), proxy.stop()]);
	}
}

function emptySamples(): Samples {
	return {
		p50: [],
		p99: [],
		rps: [],
		p50AtThroughput: [],
		p99AtThroughput: [],
		cpuPerResponse: [],
		responses: 0,
		upstreamLogins: 0,
		failed: 0,
	};
}

function failures(result: LoadResult): number {
	return result.non2xx + result.errors + result.timeouts;
}

function summarise(url: string, s: Samples): FacadeTargetResult {
	return {
		url,
		p50Ms: acrossRounds(s.p50),
		p99Ms: acrossRounds(s.p99),
		requestsPerSecond: acrossRounds(s.rps),
		p50AtThroughputMs: acrossRounds(s.p50AtThroughput),
		p99AtThroughputMs: acrossRounds(s.p99AtThroughput),
		serverCpuMicrosPerResponse: acrossRounds(s.cpuPerResponse),
		upstreamLoginsPerResponse: ratio(s.upstreamLogins, s.responses),
		failedResponses: s.failed,
	};
}

/** A benchmark of wrong answers measures nothing: each target must really log in. */
async function expectSuccessfulLogin(target: Target): Promise<void> {
	const response = await fetch(target.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: target.body(0),
	});
	const body = (await response.json()) as { success?: boolean; data?: { login?: { ok?: boolean } } };
	const ok = target.name === 'facade' ? body.data?.login?.ok === true : body.success === true;
	if (!response.ok || !ok) throw new Error(`${target.name}: the login did not succeed (HTTP ${response.status})`);
}
