import { resolveLimits, wholeNumberProblem, type LimitProblems } from './limit-table';
import { deriveLimitsKeys, type LimitsKeys } from './limits-secret';
import { enforce, rateLimitProblem, type Counter, type RateLimit } from './rate-limiter';
import { failClosed, type StateStore } from './state-store';

/** The limits on Smartflo data operations (every query and mutation other than login, refresh and tokenInfo). */
export interface DataLimits {
	/** Data operations per API key, whoever presents it (default 120 per minute). */
	perApiKey: RateLimit;
	/** Data operations per client IP, with a key or a token (default 240 per minute). */
	perIp: RateLimit;
	/** HTTP requests to Smartflo one GraphQL request may make for data, pages and resends included (default 10). */
	upstreamCallsPerRequest: number;
}

export const DEFAULT_DATA_LIMITS: DataLimits = {
	perApiKey: { limit: 120, windowSeconds: 60 },
	perIp: { limit: 240, windowSeconds: 60 },
	upstreamCallsPerRequest: 10,
};

/** The most upstreamCallsPerRequest may be. */
export const MAX_UPSTREAM_CALLS_PER_REQUEST = 1000;

const DATA_LIMIT_PROBLEMS: LimitProblems<DataLimits> = {
	perApiKey: rateLimitProblem,
	perIp: rateLimitProblem,
	upstreamCallsPerRequest: (calls) => wholeNumberProblem(calls, 1, MAX_UPSTREAM_CALLS_PER_REQUEST),
};

/** The defaults with `given` over them; a TypeError naming `dataLimits.<name>` for a limit that is unknown or cannot be held. */
export function resolveDataLimits(given?: Partial<DataLimits>): DataLimits {
	return resolveLimits('dataLimits', DEFAULT_DATA_LIMITS, DATA_LIMIT_PROBLEMS, given);
}

/** Who a data operation counts against. */
export interface DataCaller {
	ip: string;
	/** The API key's name, when the caller presented one. */
	apiKey?: string;
}

export interface DataGuardOptions {
	/** Where the counters live: the AuthGuard's store, so that Redis (and its outage policy) is shared. */
	store: StateStore;
	limits: DataLimits;
	/** As the AuthGuard's: keys the digests of IPs and key names; the same on every replica. */
	secret?: string;
}

/**
 * Rate limits on data operations, per client IP and per API key, in the same store as the login
 * limits: in this process, or in Redis shared by the replicas (fail-closed while Redis is unreachable
 * unless REDIS_OUTAGE=memory). Over a limit, RATE_LIMITED with the rest of the window as retryAfterSeconds,
 * which the GraphQL face answers with HTTP 429 when no field of the request succeeded, as for logins.
 */
export class DataGuard {
	readonly limits: DataLimits;
	readonly #keys: LimitsKeys;
	readonly #perIp: Counter;
	readonly #perKey: Counter;

	constructor(options: DataGuardOptions) {
		this.limits = options.limits;
		this.#keys = deriveLimitsKeys(options.secret);
		this.#perIp = options.store.counter('data-ip', this.limits.perIp);
		this.#perKey = options.store.counter('data-key', this.limits.perApiKey);
	}

	/** Counts one data operation for the caller's IP and key; RATE_LIMITED when either is over its limit. */
	admit(caller: DataCaller): Promise<void> {
		return failClosed('Requests for Smartflo data', async () => {
			enforce(await this.#perIp.consume(this.#keys.digest('data-ip', caller.ip)), IP_LIMITED);
			if (caller.apiKey !== undefined) enforce(await this.#perKey.consume(this.#keys.digest('data-key', caller.apiKey)), KEY_LIMITED);
		});
	}
}

const IP_LIMITED = 'Too many requests for Smartflo data from this client.';
const KEY_LIMITED = 'Too many requests for Smartflo data with this API key.';
