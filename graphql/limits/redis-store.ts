import { setTimeout as delay } from 'node:timers/promises';

import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

import type { Logger } from '../logging';
import { MemoryStateStore } from './memory-store';
import { FlexibleCounter, limiterOptionsOf, type Counter, type RateLimit } from './rate-limiter';
import { StateUnavailableError, type RedisOutagePolicy, type StateStore, type StoreHealth, type ValueCache } from './state-store';

export interface RedisStateOptions {
	/** `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
	url: string;
	/** Prefix of every key (default 'smartflo-graphql'): replicas that share limits use the same one. */
	keyPrefix?: string;
	/** What happens while Redis is unreachable (default 'fail-closed'). */
	outage?: RedisOutagePolicy;
	/** How long one Redis command may take before it counts as failed (default 1000). */
	commandTimeoutMs?: number;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'smartflo-graphql';
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1000;
/** Reconnect attempts start at once and back off to at most this pause. */
const MAX_RECONNECT_DELAY_MS = 1000;
/** While Redis is unreachable, a PING this often (each bounded by the command timeout) looks for it. */
const PROBE_INTERVAL_MS = 1000;

const DELETE_IF_EQUALS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** PX takes a whole number of milliseconds, at least 1. */
const wholeMs = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

interface SharedStateCommands {
	smartfloDeleteIfEquals(key: string, value: string): Promise<number>;
}

/**
 * Limits and caches in Redis, shared by every replica that uses the same Redis, key prefix and
 * limits secret. Counters are rate-limiter-flexible's RateLimiterRedis (atomic in a Lua script);
 * caches are plain keys with a PX time to live. Commands fail at once while the connection is down
 * (no offline queue) and after `commandTimeoutMs` when Redis hangs. From the first failure on, Redis
 * is skipped until a background PING (or a new connection) finds it back, so a request waits at most
 * one command timeout, not one per command. Meanwhile every operation throws StateUnavailableError
 * (fail-closed), or with outage 'memory' runs on a MemoryStateStore of this process instead (the
 * insurance: rate-limiter-flexible's own insuranceLimiter option is not used because it would bypass
 * that store's bound on keys).
 */
export class RedisStateStore implements StateStore {
	readonly shared = true;
	readonly outage: RedisOutagePolicy;
	readonly #client: Redis;
	readonly #insurance?: MemoryStateStore;
	readonly #logger: Logger;
	#reachable = false;
	/** The background PING loop runs (only while Redis is unreachable). */
	#probing = false;
	/** An outage was logged and nothing has succeeded since. */
	#warned = false;
	#closing = false;
	/** Settles when the first connection attempt has succeeded or failed: until then a failure is no outage yet. */
	readonly #firstAttempt: Promise<void>;
	#attempted = false;

	constructor(options: RedisStateOptions & { maxKeys: number; logger: Logger }) {
		this.outage = options.outage ?? 'fail-closed';
		this.#logger = options.logger;
		this.#insurance = this.outage === 'memory' ? new MemoryStateStore({ maxKeys: options.maxKeys }) : undefined;
		this.#client = new Redis(options.url, {
			keyPrefix: `${options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX}:`,
			enableOfflineQueue: false,
			maxRetriesPerRequest: 0,
			commandTimeout: options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
			connectTimeout: 5000,
			retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
		});
		this.#client.defineCommand('smartfloDeleteIfEquals', { numberOfKeys: 1, lua: DELETE_IF_EQUALS });
		this.#firstAttempt = new Promise((resolve) => {
			const attempted = () => {
				this.#attempted = true;
				resolve();
			};
			this.#client.once('ready', attempted);
			this.#client.once('error', attempted);
		});
		this.#client.on('ready', () => this.#markReachable());
		this.#client.on('error', (error: unknown) => this.#markUnreachable(new StateUnavailableError(error)));
		this.#client.on('close', () => this.#markUnreachable(new StateUnavailableError({ code: 'CONNECTION_CLOSED' })));
	}

	counter(name: string, rate: RateLimit): Counter {
		const redis = new FlexibleCounter(
			new RateLimiterRedis({
				storeClient: this.#client,
				keyPrefix: name,
				...limiterOptionsOf(rate),
				rejectIfRedisNotReady: true,
			}),
		);
		const insurance = this.#insurance?.counter(name, rate);
		return {
			consume: (key) => this.#run(() => redis.consume(key), insurance && (() => insurance.consume(key))),
			refund: (key) => this.#run(() => redis.refund(key), insurance && (() => insurance.refund(key))),
			reset: (key) => this.#run(() => redis.reset(key), insurance && (() => insurance.reset(key))),
		};
	}

	cache(name: string): ValueCache {
		const client = this.#client;
		const commands = client as unknown as SharedStateCommands;
		const insurance = this.#insurance?.cache(name);
		const key = (k: string) => `${name}:${k}`;
		return {
			get: (k) => this.#run(async () => (await client.get(key(k))) ?? undefined, insurance && (() => insurance.get(k))),
			getMany: (keys) =>
				this.#run(
					async () => (await client.mget(keys.map(key))).map((value) => value ?? undefined),
					insurance && (() => insurance.getMany(keys)),
				),
			set: (k, value, ttlMs) =>
				this.#run(
					async () => {
						await client.set(key(k), value, 'PX', wholeMs(ttlMs));
					},
					insurance && (() => insurance.set(k, value, ttlMs)),
				),
			add: (k, value, ttlMs) =>
				this.#run(
					async () => (await client.set(key(k), value, 'PX', wholeMs(ttlMs), 'NX')) === 'OK',
					insurance && (() => insurance.add(k, value, ttlMs)),
				),
			deleteIfEquals: (k, value) =>
				this.#run(
					async () => {
						await commands.smartfloDeleteIfEquals(key(k), value);
					},
					insurance && (() => insurance.deleteIfEquals(k, value)),
				),
		};
	}

	async health(): Promise<StoreHealth> {
		await this.#firstAttempt;
		try {
			await this.#run(() => this.#client.ping());
			return { kind: 'redis', reachable: true };
		} catch {
			return { kind: 'redis', reachable: false, outage: this.outage };
		}
	}

	localSizes(): Record<string, number> {
		return this.#insurance?.localSizes() ?? {};
	}

	async close(): Promise<void> {
		this.#closing = true;
		if (this.#client.status === 'ready') await this.#client.quit().catch(() => this.#client.disconnect());
		else this.#client.disconnect();
		await this.#insurance?.close();
	}

	async #run<T>(operation: () => Promise<T>, insurance?: () => Promise<T>): Promise<T> {
		if (this.#skipping()) {
			if (insurance) return insurance();
			throw new StateUnavailableError({ code: 'REDIS_UNREACHABLE' });
		}
		try {
			const result = await operation();
			if (!this.#reachable) this.#markReachable();
			return result;
		} catch (error) {
			const failure = error instanceof StateUnavailableError ? error : new StateUnavailableError(error);
			this.#markUnreachable(failure);
			if (insurance) return insurance();
			throw failure;
		}
	}

	/** Redis has failed since its last success: it is not asked again until the probe or a new connection finds it back. */
	#skipping(): boolean {
		return this.#attempted && !this.#reachable && !this.#closing;
	}

	async #probe(): Promise<void> {
		if (this.#probing) return;
		this.#probing = true;
		try {
			while (this.#skipping()) {
				await delay(PROBE_INTERVAL_MS, undefined, { ref: false });
				if (!this.#skipping()) break;
				try {
					await this.#client.ping();
					this.#markReachable();
				} catch {
					// Still unreachable: the next round asks again.
				}
			}
		} finally {
			this.#probing = false;
		}
	}

	#markReachable(): void {
		if (this.#reachable || this.#closing || this.#client.status !== 'ready') return;
		this.#reachable = true;
		this.#warned = false;
		this.#logger.info('redis reachable: limits and caches are shared');
	}

	/** Logged once per outage, not once per failed command. */
	#markUnreachable(failure: StateUnavailableError): void {
		// A command sent while the first connection is still being made fails too, but that is no outage.
		if (this.#closing || !this.#attempted) return;
		this.#reachable = false;
		void this.#probe();
		if (this.#warned) return;
		this.#warned = true;
		this.#logger.warn(
			this.outage === 'memory'
				? 'redis unreachable: limits and caches fall back to this process until it is back'
				: 'redis unreachable: logins, refreshes and data requests are refused until it is back',
			{ reason: failure.reason },
		);
	}
}
