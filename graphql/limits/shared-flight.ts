import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

import { SingleFlight, SmartfloError, type TokenSet } from '../../src/auth';
import type { LimitsKeys } from './limits-secret';
import { bestEffort, type ValueCache } from './state-store';
import { openAnswer, sealAnswer, type StoredAnswer } from './stored-values';

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

/**
 * One upstream call for identical concurrent calls, within a process and across replicas.
 *
 * In a process, callers of the same key join one execution (the core's SingleFlight: all there is to
 * it when the store is this process's memory). Across replicas sharing a store, the first to add the
 * key's lease to the store leads: it makes the call and leaves its outcome under the lease's id for
 * `outcomeMs`, then drops the lease. The others poll for that outcome (or for the lease to go, when
 * the leader failed without one or crashed; a crashed leader's lease expires after `leaseMs`).
 * An outcome is sealed (see sealAnswer) with a key derived from the server secret, the flight's id
 * and the call's own secret (the password, or the token refreshed): only a caller who sent the same
 * secret can read it, and an outcome forged, altered or left by another flight reads as absent.
 */
export class SharedFlights {
	readonly #local = new SingleFlight<TokenSet>();
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
		return this.#local.run(key, this.#acrossProcesses ? () => this.#acrossReplicas(key, context, execute) : execute);
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
		let outcome: StoredAnswer | undefined;
		try {
			const tokens = await execute();
			outcome = { tokens };
			return tokens;
		} catch (error) {
			if (error instanceof SmartfloError) outcome = { error };
			throw error;
		} finally {
			await this.#leave(key, flight, context, outcome);
		}
	}

	/** Best effort: a follower that finds neither outcome nor lease makes the call itself. */
	#leave(key: string, flight: string, context: readonly string[], outcome: StoredAnswer | undefined): Promise<void> {
		return bestEffort(this.#handOver(key, flight, context, outcome));
	}

	async #handOver(key: string, flight: string, context: readonly string[], outcome: StoredAnswer | undefined): Promise<void> {
		if (outcome)
			await this.#cache.set(outcomeKey(key, flight), sealAnswer(this.#keys, outcome, outcomeContext(flight, context)), this.#outcomeMs);
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
			// An outcome that does not open was not written by the leader: wait on for the leader's own.
			const outcome = stored === undefined ? undefined : openAnswer(this.#keys, stored, outcomeContext(leader, context));
			if (outcome) return 'tokens' in outcome ? () => outcome.tokens : () => throwing(outcome.error);
			if (lease !== leader) return undefined;
		}
		return undefined;
	}
}

const leaseKey = (key: string) => `${key}:lease`;
const outcomeKey = (key: string, flight: string) => `${key}:${flight}`;
/** An outcome opens only for its flight and with the call's secrets: another flight's, or an older one's, reads as absent. */
const outcomeContext = (flight: string, context: readonly string[]) => ['flight', flight, ...context];
const throwing = (error: Error): never => {
	throw error;
};
