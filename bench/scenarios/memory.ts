import { Redis } from 'ioredis';

import { DEFAULT_AUTH_GUARD_LIMITS } from '../../graphql/limits/auth-guard';
import { ChildServer, type Snapshot } from '../children/child-server';
import type { GraphQLProcessOptions } from '../children/graphql-process';
import type { BenchContext } from '../context';
import { BENCH_PASSWORD, benchEmail } from '../fixtures/accounts';
import { graphqlLoginBody } from '../fixtures/login-bodies';
import { LOAD_TEST_LIMITS } from '../fixtures/server-limits';
import { runLoad } from '../load/autocannon-run';
import { countUpstreamLogins } from '../load/sandbox-stats';
import { percentile } from '../stats';

const CONNECTIONS = 32;
/** Snapshots after these fractions of the logins: a bounded state levels off between the last two. */
const CHECKPOINTS = [0.1, 0.5, 1];
const STATE_SAMPLE_INTERVAL_MS = 250;

export interface MemoryCheckpoint {
	logins: number;
	rssBytes: number;
	heapUsedBytes: number;
	heapTotalBytes: number;
	externalBytes: number;
	newSpaceBytes: number;
	state: Record<string, number>;
	/** With the state in Redis: what Redis holds (INFO memory's used_memory, DBSIZE). */
	redis?: RedisMemory;
}

export interface RedisMemory {
	usedMemoryBytes: number;
	keys: number;
}

/** Where the server keeps its limits and caches in a run. */
export type StateBackend = { kind: 'memory' } | { kind: 'redis'; url: string };

export interface MemoryResult {
	store: StateBackend['kind'];
	logins: number;
	distinctEmails: number;
	/** Distinct (email, wrong password) pairs sent: more than the cache may hold. */
	distinctRejectedPairs: number;
	maxTrackedKeys: number;
	idle: MemoryCheckpoint;
	checkpoints: MemoryCheckpoint[];
	/** Largest size of each map seen while the load ran (sampled every 250 ms, without GC). */
	peakState: Record<string, number>;
	upstreamLogins: number;
	upstreamFailedLogins: number;
	failedResponses: number;
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
}

/**
 * A fresh GraphQL server process: memory idle, then after 100,000 logins over 10,000 emails. Every
 * email's 10 logins include 2 wrong passwords, each one different, so the lockout budget and the
 * rejection cache are offered more keys than their cap. Memory is read after a full GC in the child.
 * Run once with the state in the process and once in Redis (an empty one), with the same requests.
 */
export async function runMemory({ sandbox, settings, progress }: BenchContext, backend: StateBackend): Promise<MemoryResult> {
	const redis = backend.kind === 'redis' ? new Redis(backend.url) : undefined;
	await redis?.flushall();
	const options: GraphQLProcessOptions = {
		upstreamUrl: sandbox.url,
		limits: LOAD_TEST_LIMITS,
		...(backend.kind === 'redis' ? { redis: { url: backend.url }, limitsSecret: BENCH_LIMITS_SECRET } : {}),
	};
	const graphql = await ChildServer.start('graphql-process', options);
	const snapshot = async () => ({ ...(await graphql.snapshot()), redis: redis && (await redisMemory(redis)) });
	try {
		const emails = settings.memoryEmails;
		// Each email comes round every `emails` requests; 2 of its 10 turns use a wrong password.
		const wrongPassword = (n: number) => ((n % emails) + Math.floor(n / emails)) % 5 === 4;
		const body = (n: number) =>
			graphqlLoginBody({ email: benchEmail(n % emails), password: wrongPassword(n) ? `wrong-${n}` : BENCH_PASSWORD });
		const idle = checkpoint(0, await snapshot());
		progress(`memory (${backend.kind}) idle: rss ${mb(idle.rssBytes)}, heap ${mb(idle.heapUsedBytes)}`);

		const peakState: Record<string, number> = {};
		const sampler = setInterval(() => {
			void graphql.snapshot({ gc: false }).then(({ state = {} }) => {
				for (const [key, value] of Object.entries(state)) peakState[key] = Math.max(peakState[key] ?? 0, value);
			});
		}, STATE_SAMPLE_INTERVAL_MS);

		const checkpoints: MemoryCheckpoint[] = [];
		let sent = 0;
		let nextBody = 0;
		let failedResponses = 0;
		let elapsedSeconds = 0;
		const latenciesMs: number[] = [];
		const counted = await countUpstreamLogins(sandbox.url, async () => {
			for (const fraction of CHECKPOINTS) {
				const amount = Math.round(settings.memoryLogins * fraction) - sent;
				const start = nextBody;
				const result = await runLoad({ url: graphql.url, connections: CONNECTIONS, amount, body: (n) => body(start + n) });
				nextBody += result.bodiesBuilt;
				sent += result.responses;
				failedResponses += result.non2xx + result.errors + result.timeouts;
				elapsedSeconds += result.elapsedSeconds;
				for (const latency of result.latenciesMs) latenciesMs.push(latency);
				const point = checkpoint(sent, await snapshot());
				checkpoints.push(point);
				const inRedis = point.redis ? `, Redis ${mb(point.redis.usedMemoryBytes)} in ${point.redis.keys.toLocaleString('en')} keys` : '';
				progress(
					`memory (${backend.kind}) after ${sent.toLocaleString('en')} logins: rss ${mb(point.rssBytes)}, heap ${mb(point.heapUsedBytes)} of ${mb(point.heapTotalBytes)}, young generation ${mb(point.newSpaceBytes)}, ${JSON.stringify(point.state)}${inRedis}`,
				);
			}
		});
		clearInterval(sampler);
		return {
			store: backend.kind,
			logins: sent,
			distinctEmails: Math.min(emails, sent),
			// Every wrong password is new, so none is answered from the cache: one upstream failure each.
			distinctRejectedPairs: counted.failedLogins,
			maxTrackedKeys: LOAD_TEST_LIMITS.maxTrackedKeys ?? DEFAULT_AUTH_GUARD_LIMITS.maxTrackedKeys,
			idle,
			checkpoints,
			peakState,
			upstreamLogins: counted.logins,
			upstreamFailedLogins: counted.failedLogins,
			failedResponses,
			requestsPerSecond: sent / elapsedSeconds,
			p50Ms: percentile(latenciesMs, 50),
			p99Ms: percentile(latenciesMs, 99),
		};
	} finally {
		await graphql.stop();
		redis?.disconnect();
	}
}

/** The benchmark's own secret: any 32 characters do, the server only needs the same one everywhere. */
const BENCH_LIMITS_SECRET = 'bench-limits-secret-0123456789abcdef';

async function redisMemory(redis: Redis): Promise<RedisMemory> {
	const info = await redis.info('memory');
	return { usedMemoryBytes: Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN), keys: await redis.dbsize() };
}

function checkpoint(logins: number, { memory, state = {}, redis }: Snapshot & { redis?: RedisMemory }): MemoryCheckpoint {
	return {
		logins,
		rssBytes: memory.rssBytes,
		heapUsedBytes: memory.heapUsedBytes,
		heapTotalBytes: memory.heapTotalBytes,
		externalBytes: memory.externalBytes,
		newSpaceBytes: memory.newSpaceBytes,
		state,
		...(redis ? { redis } : {}),
	};
}

export function mb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
