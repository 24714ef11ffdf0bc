import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

import { SmartfloError, type TokenSet } from '../../src/auth';
import { joinOrStart } from './in-flight';
import type { LimitsKeys } from './limits-secret';
import { bestEffort, type ValueCache } from './state-store';
import { decodeError, encodeError, openTokens, sealTokens } from './stored-values';

export interface SharedFlightsOptions {
	/** Holds the leases and the leaders' outcomes. */
	cache: ValueCache;
	keys: LimitsKeys;
	/** How long a lease lasts: longer than the leader's call can take, so that only a crashed leader's lease expires. */
	leaseMs: number;
	/** How long a leader's outcome is kept for the replicas waiting on it (default 3000). */
	outcomeMs?: number;
	/** False when no other process reads the cache (in memory): then calls only join in this process, with no lease and no outcome. */
	acrossProcesses: boolean;
	/** How often a waiting replica looks for the outcome (default 20). */
	pollMs?: number;
}

const DEFAULT_OUTCOME_MS = 3000;
const DEFAULT_POLL_MS = 20;
/** Leaders that vanish without an outcome are waited for this many times; then the call is made without a lease. */
const MAX_ROUNDS = 3;

type Outcome = { ok: true; sealed: string } | { ok: false; error: string };

/**
 * One upstream call for identical concurrent calls, within a process and across replicas.
 *
 * In a process, callers of the same key join one promise (all there is to it when the store is this
 * process's memory). Across replicas sharing a store, the first to add the
 * key's lease to the store leads: it makes the call and leaves its outcome under the lease's id for
 * `outcomeMs`, then drops the lease. The others poll for that outcome (or for the lease to go, when
 * the leader failed without one or crashed; a crashed leader's lease expires after `leaseMs`).
 * A token in an outcome is sealed with a key derived from the server secret and the call's own
 * secret (the password, or the token refreshed): only a caller who sent the same secret can read it.
 */
export class SharedFlights {
	readonly #local = new Map<string, Promise<TokenSet>>();
	readonly #cache: ValueCache;
	readonly #keys: LimitsKeys;
	readonly #leaseMs: number;
	readonly #outcomeMs: number;
	readonly #pollMs: number;
	readonly #acrossProcesses: boolean;

	constructor(options: SharedFlightsOptions) {
		this.#cache = options.cache;
		this.#keys = options.keys;
		this.#leaseMs = options.leaseMs;
		this.#outcomeMs = options.outcomeMs ?? DEFAULT_OUTCOME_MS;
		this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
		this.#acrossProcesses = options.acrossProcesses;
	}

	/** Calls in flight in this process. */
	get size(): number {
		return this.#local.size;
	}

	/** `key` is a keyed digest of the call; `context` the call's secrets, which seal its outcome. */
	run(key: string, context: readonly string[], execute: () => Promise<TokenSet>): Promise<TokenSet> {
		return joinOrStart(this.#local, key, this.#acrossProcesses ? () => this.#acrossReplicas(key, context, execute) : execute, true);
	}

	async #acrossReplicas(key: string, context: readonly string[], execute: () => Promise<TokenSet>): Promise<TokenSet> {
		for (let round = 0; round < MAX_ROUNDS; round++) {
			const flight = randomUUID();
			if (await this.#cache.add(leaseKey(key), flight, this.#leaseMs)) return this.#lead(key, flight, context, execute);
			const outcome = await this.#follow(key, context);
			if (outcome) return outcome();
		}
		return execute();
	}

	async #lead(key: string, flight: string, context: readonly string[], execute: () => Promise<TokenSet>): Promise<TokenSet> {
		let outcome: Outcome | undefined;
		try {
			const tokens = await execute();
			outcome = { ok: true, sealed: sealTokens(this.#keys, tokens, context) };
			return tokens;
		} catch (error) {
			if (error instanceof SmartfloError) outcome = { ok: false, error: encodeError(error) };
			throw error;
		} finally {
			await this.#leave(key, flight, outcome);
		}
	}

	/** Best effort: a follower that finds neither outcome nor lease makes the call itself. */
	#leave(key: string, flight: string, outcome: Outcome | undefined): Promise<void> {
		return bestEffort(this.#handOver(key, flight, outcome));
	}

	async #handOver(key: string, flight: string, outcome: Outcome | undefined): Promise<void> {
		if (outcome) await this.#cache.set(outcomeKey(key, flight), JSON.stringify(outcome), this.#outcomeMs);
		await this.#cache.deleteIfEquals(leaseKey(key), flight);
	}

	/** The leader's outcome as a function that returns or throws it, or undefined when there is none to wait for. */
	async #follow(key: string, context: readonly string[]): Promise<(() => TokenSet) | undefined> {
		const leader = await this.#cache.get(leaseKey(key));
		if (leader === undefined) return undefined;
		const until = Date.now() + this.#leaseMs;
		while (Date.now() < until) {
			await delay(this.#pollMs);
			const [stored, lease] = await this.#cache.getMany([outcomeKey(key, leader), leaseKey(key)]);
			if (stored !== undefined) return this.#read(stored, context);
			if (lease !== leader) return undefined;
		}
		return undefined;
	}

	#read(stored: string, context: readonly string[]): (() => TokenSet) | undefined {
		let outcome: Outcome;
		try {
			outcome = JSON.parse(stored) as Outcome;
		} catch {
			return undefined;
		}
		if (outcome.ok === true && typeof outcome.sealed === 'string') {
			const tokens = openTokens(this.#keys, outcome.sealed, context);
			return tokens && (() => tokens);
		}
		const error = outcome.ok === false && typeof outcome.error === 'string' ? decodeError(outcome.error) : undefined;
		return (
			error &&
			(() => {
				throw error;
			})
		);
	}
}

const leaseKey = (key: string) => `${key}:lease`;
const outcomeKey = (key: string, flight: string) => `${key}:${flight}`;
