import { Redis } from 'ioredis';

import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { LOGIN_MUTATION, postOverHttp, REFRESH_MUTATION, type GraphQLReply } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';
import { startRedisServer, watchCommands, type RedisServer } from './redis-server';
import { buildGraphqlCli, Replica } from './replica';

/**
 * Two `smartflo-graphql` processes in front of one sandbox, sharing one real redis-server: the
 * deployment docs/scaling.md#graphql-server-replicas-shared-state-in-redis describes. Every figure asserted here is a count of
 * requests the sandbox saw.
 */

// Replicas are real processes, started and stopped per test: give a slow CI machine room (no timing is asserted).
jest.setTimeout(120_000);

const VICTIM = { email: 'victim@example.in', password: 'Right#Pass-4821' };
/** The sandbox locks an account after this many consecutive failures, as Smartflo may. */
const LOCK_AFTER = 6;
const SECRET = 'replicas-share-this-limits-secret-0123456789';
const wrongPassword = (attempt: number) => `Wr0ng-canary-${attempt}`;

let cli: string;
let redis: RedisServer;
let sandbox: SandboxHandle;
const replicas: Replica[] = [];
let prefixes = 0;

beforeAll(async () => {
	cli = buildGraphqlCli();
	redis = await startRedisServer();
	sandbox = await startSandbox({ accounts: [VICTIM, DEMO_ACCOUNT], lockAfterFailedLogins: LOCK_AFTER });
});
afterAll(async () => {
	await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
	await sandbox?.close();
	await redis?.stop();
});
beforeEach(() => {
	sandbox.unlockAccount(VICTIM.email);
	sandbox.clearFaults();
	sandbox.configure({ latencyMs: 0 });
	sandbox.resetStats();
});
afterEach(async () => {
	const stopped = replicas.splice(0);
	const codes = await Promise.all(stopped.map((replica) => replica.stop()));
	// Whatever happened in the test, each replica shut down cleanly on SIGTERM and never wrote to stderr.
	expect(codes).toEqual(stopped.map(() => 0));
	expect(stopped.map((replica) => replica.stderr)).toEqual(stopped.map(() => ''));
	expect(stopped.flatMap((replica) => replica.logs().filter((line) => line.level === 'error'))).toEqual([]);
});

interface PairOptions {
	/** Without Redis: each replica keeps its own limits (how it was before). */
	shared?: boolean;
	env?: Record<string, string>;
}

function environment({ shared = true, env = {} }: PairOptions, prefix: string): Record<string, string> {
	const redisEnv: Record<string, string> = shared ? { REDIS_URL: redis.url, LIMITS_HMAC_SECRET: SECRET, REDIS_KEY_PREFIX: prefix } : {};
	return { SMARTFLO_BASE_URL: sandbox.url, ...redisEnv, ...env };
}

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
	const replica = await Replica.start(name, cli, env);
	replicas.push(replica);
	await replica.readyStatus(200);
	return replica;
}

/** Two replicas with the same configuration; a fresh key prefix per test keeps tests apart in one Redis. */
async function pair(options: PairOptions = {}): Promise<{ a: Replica; b: Replica; env: Record<string, string> }> {
	const env = environment(options, `replicas-${++prefixes}`);
	const [a, b] = await Promise.all([startReplica('A', env), startReplica('B', env)]);
	return { a, b, env };
}

const login = (replica: Replica, email: string, password: string) => postOverHttp(replica.url, LOGIN_MUTATION, { email, password });

function outcomes(replies: GraphQLReply[], field: 'login' | 'refresh' = 'login'): Record<string, number> {
	const counted: Record<string, number> = {};
	for (const reply of replies) {
		const payload = reply.body?.data?.[field];
		const outcome = payload?.ok ? `${reply.status} ok` : `${reply.status} ${payload?.error?.code ?? reply.text.slice(0, 80)}`;
		counted[outcome] = (counted[outcome] ?? 0) + 1;
	}
	return counted;
}

/** /ready answers 200 with no body: Redis is reachable again (in the degraded state the body says it is not). */
async function waitForPlainReady(replica: Replica): Promise<void> {
	let body = '';
	await waitFor(
		async () => {
			body = await (await replica.readyStatus(200)).text();
			return body === '';
		},
		10_000,
		() => `${replica.name}: /ready without a body (it still says ${body})`,
		50,
	);
}

describe('two replicas sharing Redis', () => {
	it('30 wrong passwords for one email, alternated across the replicas: Smartflo sees 5 (each replica on its own: 10, and the account locks)', async () => {
		const shared = await pair();
		const replies: GraphQLReply[] = [];
		for (let attempt = 0; attempt < 30; attempt++)
			replies.push(await login(attempt % 2 ? shared.b : shared.a, VICTIM.email, wrongPassword(attempt)));
		expect(sandbox.stats().loginAttempts).toBe(5);
		expect(sandbox.accountState(VICTIM.email)).toEqual({ loginFailedCount: 5, locked: false });
		expect(outcomes(replies)).toEqual({ '200 INVALID_CREDENTIALS': 5, '429 RATE_LIMITED': 25 });

		// The same run with each replica keeping its own limits, as before Redis: twice the budget reaches Smartflo.
		await Promise.all([shared.a.stop(), shared.b.stop()]);
		sandbox.unlockAccount(VICTIM.email);
		sandbox.resetStats();
		const separate = await pair({ shared: false });
		for (let attempt = 0; attempt < 30; attempt++) await login(attempt % 2 ? separate.b : separate.a, VICTIM.email, wrongPassword(attempt));
		expect(sandbox.stats().loginAttempts).toBe(10);
		expect(sandbox.accountState(VICTIM.email).locked).toBe(true);
	});

	it('the per-IP limit is shared: 6 per client across both replicas, not 6 each', async () => {
		const { a, b } = await pair({ env: { RATE_LIMIT_PER_IP: '6/1h' } });
		const replies: GraphQLReply[] = [];
		for (let attempt = 0; attempt < 12; attempt++) replies.push(await login(attempt % 2 ? b : a, `user${attempt}@example.in`, 'x'));
		expect(sandbox.stats().loginAttempts).toBe(6);
		expect(outcomes(replies.slice(0, 6))).toEqual({ '200 INVALID_CREDENTIALS': 6 });
		expect(outcomes(replies.slice(6))).toEqual({ '429 RATE_LIMITED': 6 });
		expect(replies[11].body.data.login.error.message).toMatch(/from this client/);
		// A refresh spends the same budget, on either replica.
		const refresh = await postOverHttp(a.url, REFRESH_MUTATION, { token: sandbox.issueToken() });
		expect(refresh.status).toBe(429);
		expect(sandbox.stats().refreshAttempts).toBe(0);
	});

	it('a replica restarted mid-run keeps the lockout budget: still 5 in all', async () => {
		const { a, b, env } = await pair({ env: { LOGIN_LIMIT_PER_EMAIL: '100/60' } });
		for (let attempt = 0; attempt < 3; attempt++) await login(attempt % 2 ? b : a, VICTIM.email, wrongPassword(attempt));
		expect(sandbox.stats().loginAttempts).toBe(3);

		expect(await b.stop()).toBe(0);
		const restarted = await startReplica('B restarted', env);
		const replies: GraphQLReply[] = [];
		for (let attempt = 3; attempt < 30; attempt++)
			replies.push(await login(attempt % 2 ? restarted : a, VICTIM.email, wrongPassword(attempt)));
		expect(sandbox.stats().loginAttempts).toBe(5);
		expect(outcomes(replies)).toEqual({ '200 INVALID_CREDENTIALS': 2, '429 RATE_LIMITED': 25 });
		expect(sandbox.accountState(VICTIM.email).locked).toBe(false);
	});

	it('the same wrong password on both replicas reaches Smartflo once (the rejection cache is shared)', async () => {
		const { a, b } = await pair();
		const replies: GraphQLReply[] = [];
		for (let attempt = 0; attempt < 8; attempt++) replies.push(await login(attempt % 2 ? b : a, VICTIM.email, 'Wr0ng-canary-same'));
		expect(sandbox.stats().loginAttempts).toBe(1);
		expect(outcomes(replies)).toEqual({ '200 INVALID_CREDENTIALS': 8 });
		expect(replies[7].body.data.login.error.message).toBe(replies[0].body.data.login.error.message);
	});

	it('identical concurrent logins and refreshes across the replicas share one upstream call; a late refresh gets the same new token', async () => {
		const { a, b } = await pair();
		sandbox.configure({ latencyMs: 300 });
		const logins = await Promise.all(
			Array.from({ length: 10 }, (_, index) => login(index % 2 ? b : a, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)),
		);
		expect(sandbox.stats().loginAttempts).toBe(1);
		expect(outcomes(logins)).toEqual({ '200 ok': 10 });
		expect(new Set(logins.map((reply) => reply.body.data.login.token.accessToken)).size).toBe(1);

		const token = sandbox.issueToken();
		const refreshes = await Promise.all(
			Array.from({ length: 6 }, (_, index) => postOverHttp((index % 2 ? b : a).url, REFRESH_MUTATION, { token })),
		);
		sandbox.configure({ latencyMs: 0 });
		const late = await postOverHttp(b.url, REFRESH_MUTATION, { token: `Bearer ${token}` });
		expect(sandbox.stats().refreshAttempts).toBe(1);
		const fresh = new Set([...refreshes, late].map((reply) => reply.body.data.refresh.token?.accessToken));
		expect(fresh.size).toBe(1);
		expect(fresh.has(token)).toBe(false);
	});

	it('nothing secret at rest: no password, token, email or client address in any Redis key or value', async () => {
		const { a, b } = await pair();
		const secrets = [VICTIM.email, VICTIM.password, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password, '127.0.0.1'];
		for (let attempt = 0; attempt < 4; attempt++) {
			secrets.push(wrongPassword(attempt));
			await login(attempt % 2 ? b : a, VICTIM.email, wrongPassword(attempt));
		}
		const signedIn = await login(a, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
		const token = signedIn.body.data.login.token.accessToken as string;
		const refreshed = await postOverHttp(b.url, REFRESH_MUTATION, { token });
		const revoked = sandbox.issueToken();
		sandbox.revokeToken(revoked);
		await postOverHttp(a.url, REFRESH_MUTATION, { token: revoked });
		secrets.push(token, refreshed.body.data.refresh.token.accessToken, revoked);

		const client = new Redis(redis.url);
		try {
			const keys = await client.keys('*');
			const values = await Promise.all(keys.map((key) => client.get(key)));
			// The keys this test wrote: limits, the rejection cache, refresh reuse, and the leaders' outcomes.
			expect(keys.filter((key) => key.startsWith(`replicas-${prefixes}:`)).length).toBeGreaterThan(5);
			expect(keys.some((key) => key.startsWith(`replicas-${prefixes}:refreshed:`))).toBe(true);
			const stored = [...keys, ...values.map(String)].join('\n');
			for (const secret of secrets) {
				expect(stored).not.toContain(secret);
				expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
				expect(stored).not.toContain(Buffer.from(secret).toString('base64url'));
			}
			// A JWT's payload is recognisable by its first characters too.
			expect(stored).not.toContain(token.split('.')[1].slice(0, 16));
		} finally {
			client.disconnect();
		}
	});

	describe('Redis killed mid-run', () => {
		afterEach(async () => {
			if (!redis.pid) await redis.restart();
		});

		it('fail-closed (the default): RATE_LIMITED with a Retry-After, nothing reaches Smartflo, /ready 503, nothing crashes; all back once Redis is', async () => {
			const { a, b } = await pair();
			await login(a, VICTIM.email, wrongPassword(0));
			sandbox.resetStats();

			await redis.kill();
			const replies: GraphQLReply[] = [];
			for (let attempt = 1; attempt <= 10; attempt++) {
				const replica = attempt % 2 ? b : a;
				replies.push(
					await login(
						replica,
						attempt % 3 ? VICTIM.email : DEMO_ACCOUNT.email,
						attempt % 3 ? wrongPassword(attempt) : DEMO_ACCOUNT.password,
					),
				);
			}
			replies.push(await postOverHttp(a.url, REFRESH_MUTATION, { token: sandbox.issueToken() }));
			expect(sandbox.stats().requests).toBe(0);
			expect(outcomes(replies.slice(0, 10))).toEqual({ '429 RATE_LIMITED': 10 });
			expect(outcomes(replies.slice(10), 'refresh')).toEqual({ '429 RATE_LIMITED': 1 });
			for (const reply of replies) {
				expect(reply.headers.get('retry-after')).toBe('5');
				expect(reply.body.errors).toBeUndefined();
				expect(reply.text).toMatch(/cannot reach its shared limit store/);
			}
			for (const replica of [a, b]) {
				const ready = await replica.readyStatus(503);
				expect(await ready.json()).toEqual({
					ready: false,
					redis: 'unreachable',
					limits: 'unavailable: logins, refreshes and data requests are refused',
				});
				expect(replica.running).toBe(true);
				expect(
					replica
						.logs()
						.filter((line) => line.level === 'warn')
						.map((line) => line.msg),
				).toEqual(['redis unreachable: logins, refreshes and data requests are refused until it is back']);
			}

			await redis.restart();
			await Promise.all([a.readyStatus(200), b.readyStatus(200)]);
			expect((await login(b, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)).body.data.login.ok).toBe(true);
			expect(sandbox.stats().loginAttempts).toBe(1);
		});

		it('with REDIS_OUTAGE=memory: each replica carries on with its own limits (5 failures each), /ready 200 says so', async () => {
			const { a, b } = await pair({ env: { REDIS_OUTAGE: 'memory', LOGIN_LIMIT_PER_EMAIL: '100/60' } });
			await redis.kill();
			const replies: GraphQLReply[] = [];
			for (let attempt = 0; attempt < 30; attempt++) replies.push(await login(attempt % 2 ? b : a, VICTIM.email, wrongPassword(attempt)));
			// The documented cost of staying up: the budget is per replica until Redis is back.
			expect(sandbox.stats().loginAttempts).toBe(10);
			expect(outcomes(replies)).toEqual({ '200 INVALID_CREDENTIALS': 10, '429 RATE_LIMITED': 20 });
			expect((await login(a, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password)).body.data.login.ok).toBe(true);
			for (const replica of [a, b]) {
				const ready = await replica.readyStatus(200);
				expect(await ready.json()).toEqual({ ready: true, redis: 'unreachable', limits: 'this replica only' });
				expect(
					replica
						.logs()
						.filter((line) => line.level === 'warn')
						.map((line) => line.msg),
				).toEqual(['redis unreachable: limits and caches fall back to this process until it is back']);
			}

			await redis.restart();
			for (const replica of [a, b]) await waitForPlainReady(replica);
		});

		it('hung (SIGSTOP) with REDIS_OUTAGE=memory: 10 logins wait for one Redis command timeout in all, then the replica carries on alone until Redis answers again', async () => {
			const env = environment(
				{ env: { REDIS_OUTAGE: 'memory', REDIS_TIMEOUT_MS: '250', LOGIN_LIMIT_PER_EMAIL: '100/60' } },
				`replicas-${++prefixes}`,
			);
			const replica = await startReplica('A', env);
			const watch = await watchCommands(redis);
			const replies: GraphQLReply[] = [];
			try {
				process.kill(redis.pid!, 'SIGSTOP');
				try {
					for (let attempt = 0; attempt < 10; attempt++) replies.push(await login(replica, VICTIM.email, wrongPassword(attempt)));
					expect(await (await replica.readyStatus(200)).json()).toEqual({ ready: true, redis: 'unreachable', limits: 'this replica only' });
				} finally {
					process.kill(redis.pid!, 'SIGCONT');
				}
				await waitForPlainReady(replica);
				await watch.settled();
				// Every command sent to the stopped Redis waited for the timeout; resumed, Redis ran them: the first login's first.
				expect(watch.commands).toEqual(['eval']);
			} finally {
				watch.stop();
			}
			expect(outcomes(replies)).toEqual({ '200 INVALID_CREDENTIALS': 5, '429 RATE_LIMITED': 5 });
			expect(sandbox.stats().loginAttempts).toBe(5);
		});
	});
});
