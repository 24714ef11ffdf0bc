import { Redis } from 'ioredis';

import { MAX_WINDOW_SECONDS } from '../../graphql/limits/rate-limiter';
import { RedisStateStore } from '../../graphql/limits/redis-store';
import { StateUnavailableError, type RedisOutagePolicy } from '../../graphql/limits/state-store';
import { createLogger } from '../../graphql/logging';
import { captureLogs } from '../helpers/graphql';
import { sleep, waitFor } from '../helpers/wait';
import { startRedisServer, watchCommands, type RedisServer } from './redis-server';

jest.setTimeout(60_000);

describe('the Redis state store against a real redis-server', () => {
	let redis: RedisServer;
	const stores: RedisStateStore[] = [];
	let prefix = 0;

	beforeAll(async () => {
		redis = await startRedisServer();
	});
	afterAll(async () => {
		await Promise.all(stores.map((store) => store.close()));
		await redis?.stop();
	});

	/** A store as one replica has it; the replicas of one test share a key prefix. */
	function replica(outage: RedisOutagePolicy = 'fail-closed', logs = captureLogs()) {
		const store = new RedisStateStore({
			url: redis.url,
			keyPrefix: `test-${prefix}`,
			outage,
			commandTimeoutMs: 300,
			maxKeys: 100,
			logger: createLogger({ level: 'info', write: logs.write }),
		});
		stores.push(store);
		return { store, logs };
	}
	beforeEach(() => prefix++);

	async function reachable(...all: RedisStateStore[]) {
		const allReachable = async () =>
			(await Promise.all(all.map((store) => store.health()))).every((health) => 'reachable' in health && health.reachable);
		await waitFor(allReachable, 10_000, 'the stores to reach Redis', 50);
	}

	it('two stores on one Redis share a counter: 3 per window in all, refunds and resets included', async () => {
		const a = replica().store.counter('failures', { limit: 3, windowSeconds: 60 });
		const b = replica().store.counter('failures', { limit: 3, windowSeconds: 60 });
		await reachable(...stores.slice(-2));
		const decisions = [await a.consume('k'), await b.consume('k'), await a.consume('k'), await b.consume('k')];
		expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
		const refused = decisions[3];
		expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
		await a.refund('k');
		await a.refund('k');
		expect((await b.consume('k')).allowed).toBe(true);
		await b.reset('k');
		expect((await a.consume('k')).allowed).toBe(true);
	});

	it('holds the longest window there is (24 days): the count expires with it, and the limit holds', async () => {
		const { store } = replica();
		const counter = store.counter('failures', { limit: 1, windowSeconds: MAX_WINDOW_SECONDS });
		await reachable(store);
		expect((await counter.consume('k')).allowed).toBe(true);
		const refused = await counter.consume('k');
		expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(MAX_WINDOW_SECONDS - 60);
		const client = new Redis(redis.url);
		try {
			const ttlMs = await client.pttl(`test-${prefix}:failures:k`);
			expect(ttlMs).toBeGreaterThan((MAX_WINDOW_SECONDS - 60) * 1000);
			expect(ttlMs).toBeLessThanOrEqual(MAX_WINDOW_SECONDS * 1000);
		} finally {
			client.disconnect();
		}
	});

	it("two stores share caches: values, adds that only one wins, deletes of one's own value only, and expiry", async () => {
		const one = replica().store.cache('flights');
		const two = replica().store.cache('flights');
		await reachable(...stores.slice(-2));
		const adds = await Promise.all([one.add('lease', 'a', 60_000), two.add('lease', 'b', 60_000)]);
		expect(adds.filter(Boolean)).toHaveLength(1);
		const winner = adds[0] ? 'a' : 'b';
		await two.deleteIfEquals('lease', winner === 'a' ? 'b' : 'a');
		expect(await one.get('lease')).toBe(winner);
		await one.deleteIfEquals('lease', winner);
		expect(await two.get('lease')).toBeUndefined();
		await one.set('short', 'x', 100);
		expect(await two.getMany(['short', 'missing'])).toEqual(['x', undefined]);
		await sleep(200);
		expect(await two.get('short')).toBeUndefined();
	});

	it('Redis killed: fail-closed operations throw StateUnavailableError, health says so, one warning per outage; back once it returns', async () => {
		const { store, logs } = replica('fail-closed');
		const counter = store.counter('ip', { limit: 10, windowSeconds: 60 });
		const cache = store.cache('rejections');
		await reachable(store);
		expect((await counter.consume('k')).allowed).toBe(true);

		await redis.kill();
		await expect(counter.consume('k')).rejects.toBeInstanceOf(StateUnavailableError);
		await expect(cache.get('k')).rejects.toBeInstanceOf(StateUnavailableError);
		await expect(cache.set('k', 'v', 1000)).rejects.toBeInstanceOf(StateUnavailableError);
		expect(await store.health()).toEqual({ kind: 'redis', reachable: false, outage: 'fail-closed' });
		const warnings = logs.entries().filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].msg).toMatch(/redis unreachable: logins, refreshes and data requests are refused/);

		await redis.restart();
		await reachable(store);
		// Without persistence the restarted Redis is empty: the window starts afresh.
		expect((await counter.consume('k')).allowed).toBe(true);
		expect(logs.entries().filter((line) => line.level === 'warn')).toHaveLength(1);
		expect(logs.entries().at(-1)?.msg).toMatch(/redis reachable/);
	});

	it('Redis killed with outage "memory": counters and caches carry on in this process, bounded by maxKeys', async () => {
		const { store, logs } = replica('memory');
		const counter = store.counter('failures', { limit: 2, windowSeconds: 60 });
		const cache = store.cache('rejections');
		await reachable(store);
		await redis.kill();
		expect(
			[await counter.consume('k'), await counter.consume('k'), await counter.consume('k')].map((decision) => decision.allowed),
		).toEqual([true, true, false]);
		await cache.set('k', 'v', 60_000);
		expect(await cache.get('k')).toBe('v');
		for (let index = 0; index < 1000; index++) await counter.consume(`key-${index}`);
		expect(store.localSizes().failures).toBe(100);
		expect(await store.health()).toEqual({ kind: 'redis', reachable: false, outage: 'memory' });
		expect(
			logs
				.entries()
				.filter((line) => line.level === 'warn')
				.map((line) => line.msg),
		).toEqual(['redis unreachable: limits and caches fall back to this process until it is back']);
		await redis.restart();
		await reachable(store);
	});

	it('a hung Redis (SIGSTOP) with outage "memory": 50 operations wait for one command timeout in all, then skip Redis until a PING finds it back', async () => {
		const { store, logs } = replica('memory');
		const counter = store.counter('failures', { limit: 100, windowSeconds: 60 });
		const cache = store.cache('rejections');
		await reachable(store);
		const watch = await watchCommands(redis);
		try {
			process.kill(redis.pid!, 'SIGSTOP');
			try {
				for (let index = 0; index < 25; index++) {
					expect((await counter.consume('k')).allowed).toBe(true);
					await cache.set('k', String(index), 60_000);
				}
				expect(await cache.get('k')).toBe('24');
				expect(await store.health()).toEqual({ kind: 'redis', reachable: false, outage: 'memory' });
			} finally {
				process.kill(redis.pid!, 'SIGCONT');
			}
			// Found back by the background PING: nothing else is sent while it is unreachable.
			await reachable(store);
			await watch.settled();
			// Each command sent to the stopped Redis waited for its timeout; resumed, Redis ran them: just the first.
			expect(watch.commands).toEqual(['eval']);
			await cache.set('after', 'shared again', 60_000);
			await watch.settled();
			expect(watch.commands).toEqual(['eval', 'set']);
			expect(
				logs
					.entries()
					.filter((line) => line.level !== 'debug')
					.map((line) => line.msg),
			).toEqual([
				'redis reachable: limits and caches are shared',
				'redis unreachable: limits and caches fall back to this process until it is back',
				'redis reachable: limits and caches are shared',
			]);
		} finally {
			watch.stop();
		}
	});

	it('a hung Redis (SIGSTOP) fails each command after the command timeout instead of holding the caller', async () => {
		const { store } = replica('fail-closed');
		const counter = store.counter('ip', { limit: 10, windowSeconds: 60 });
		await reachable(store);
		process.kill(redis.pid!, 'SIGSTOP');
		try {
			await expect(counter.consume('k')).rejects.toBeInstanceOf(StateUnavailableError);
			expect(await store.health()).toMatchObject({ reachable: false });
		} finally {
			process.kill(redis.pid!, 'SIGCONT');
		}
		await reachable(store);
		expect((await counter.consume('k')).allowed).toBe(true);
	});
});
