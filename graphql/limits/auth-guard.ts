import { SmartfloError, inspectToken, normalizeToken, type RefreshOptions, type SmartfloAuthClient, type TokenSet } from '../../src/auth';
import { emailLimitKey } from './email-key';
import { resolveLimits, wholeNumberProblem, type LimitProblems } from './limit-table';
import { deriveLimitsKeys, type LimitsKeys } from './limits-secret';
import { MemoryStateStore } from './memory-store';
import { enforce, MAX_WINDOW_SECONDS, rateLimitProblem, type Counter, type RateLimit } from './rate-limiter';
import { SharedFlights } from './shared-flight';
import { bestEffort, failClosed, type StateStore, type StoreHealth, type ValueCache } from './state-store';
import { memoized } from './request-memo';
import { openAnswer, sealAnswer } from './stored-values';

export interface AuthGuardLimits {
	/** Login attempts per email (folded by emailLimitKey), answered or not (default 10 per minute). */
	loginsPerEmail: RateLimit;
	/**
	 * The lockout budget: logins Smartflo may reject per email (folded by emailLimitKey) in a window
	 * before the server stops asking it, so that callers cannot lock the account (default 5 per 15 minutes).
	 */
	lockoutBudgetPerEmail: RateLimit;
	/** Login and refresh operations per client IP (default 60 per minute). */
	operationsPerIp: RateLimit;
	/** How long an (email, password) pair Smartflo called wrong, or a rejected token, is answered without asking Smartflo (default 300). */
	rejectionCacheSeconds: number;
	/** How long a token that was just refreshed maps to its replacement (default 30; 0 disables). */
	refreshReuseSeconds: number;
	/** Keys each limiter and cache held in this process's memory holds at most (default 10000). */
	maxTrackedKeys: number;
}

export const DEFAULT_AUTH_GUARD_LIMITS: AuthGuardLimits = {
	loginsPerEmail: { limit: 10, windowSeconds: 60 },
	lockoutBudgetPerEmail: { limit: 5, windowSeconds: 15 * 60 },
	operationsPerIp: { limit: 60, windowSeconds: 60 },
	rejectionCacheSeconds: 300,
	refreshReuseSeconds: 30,
	maxTrackedKeys: 10_000,
};

/** What makes each limit one the stores cannot hold; typed so that a new limit needs its check. */
const LIMIT_PROBLEMS: LimitProblems<AuthGuardLimits> = {
	loginsPerEmail: rateLimitProblem,
	lockoutBudgetPerEmail: rateLimitProblem,
	operationsPerIp: rateLimitProblem,
	rejectionCacheSeconds: (seconds) => wholeNumberProblem(seconds, 0, MAX_WINDOW_SECONDS),
	refreshReuseSeconds: (seconds) => wholeNumberProblem(seconds, 0, MAX_WINDOW_SECONDS),
	maxTrackedKeys: (keys) => wholeNumberProblem(keys, 1, Number.MAX_SAFE_INTEGER),
};

/**
 * Keys held in this process's memory: each limiter and cache at most maxTrackedKeys (with Redis, only
 * the insurance store's, during an outage); `flights` the leases and outcomes of shared calls, which
 * live seconds; `inFlight` the concurrent distinct upstream calls.
 */
export interface AuthGuardStateSizes {
	ipLimiter: number;
	emailLimiter: number;
	lockoutBudget: number;
	rejections: number;
	refreshed: number;
	flights: number;
	inFlight: number;
}

/** Who is asking, for one GraphQL request. */
export interface Caller {
	ip: string;
	/** Shared by the fields of one request: aliases of the same call get the same answer. */
	requestMemo: Map<string, Promise<TokenSet>>;
}

export interface AuthGuardOptions {
	client: SmartfloAuthClient;
	limits?: Partial<AuthGuardLimits>;
	/** Builds where the limits and caches live, for the guard's limits (default: this process's memory, bounded by maxTrackedKeys). Closed by close(). */
	store?: (limits: AuthGuardLimits) => StateStore;
	/** Keys every digest and sealed value; the same on every replica sharing a store (default: random per process). */
	secret?: string;
}

/** A lease outlives the leader's call (every attempt timing out, plus the pauses between them) by this much. */
const LEASE_MARGIN_MS = 5000;

/**
 * Stands between GraphQL callers and the Smartflo client: login and refresh semantics stay in the
 * client; this decides whether a call may reach Smartflo at all. Smartflo counts failed logins and
 * may lock the account, so a caller must not be able to spend those attempts through us:
 *
 * - per client IP and per email (folded by emailLimitKey, so variants share one key): fixed-window limits;
 * - per folded email: the lockout budget, a strict budget of rejected logins, reserved before the
 *   call and refunded when the answer was not a rejection, so concurrent guesses cannot overspend it;
 * - a short negative cache of (email, password) pairs Smartflo called wrong, and of rejected tokens;
 * - a short map from a token just refreshed to its replacement;
 * - shared flights: identical concurrent calls (same request or not, same replica or not) share one upstream call.
 *
 * All of it lives in a StateStore: this process's memory, or Redis shared by every replica. State
 * keys are keyed digests; every answer kept is sealed (see sealAnswer), a token with a key that needs
 * the secret it answers.
 */
export class AuthGuard {
	readonly limits: AuthGuardLimits;
	readonly store: StateStore;
	readonly #client: SmartfloAuthClient;
	readonly #keys: LimitsKeys;
	readonly #ipLimiter: Counter;
	readonly #emailLimiter: Counter;
	readonly #lockoutBudget: Counter;
	readonly #rejections: ValueCache;
	readonly #refreshed: ValueCache;
	readonly #flights: SharedFlights;

	constructor(options: AuthGuardOptions) {
		this.limits = resolveLimits('limits', DEFAULT_AUTH_GUARD_LIMITS, LIMIT_PROBLEMS, options.limits);
		this.#client = options.client;
		this.store = options.store ? options.store(this.limits) : new MemoryStateStore({ maxKeys: this.limits.maxTrackedKeys });
		this.#keys = deriveLimitsKeys(options.secret);
		this.#ipLimiter = this.store.counter('ip', this.limits.operationsPerIp);
		this.#emailLimiter = this.store.counter('email', this.limits.loginsPerEmail);
		// Its store name is still 'failures': replicas of an older release share the same Redis keys.
		this.#lockoutBudget = this.store.counter('failures', this.limits.lockoutBudgetPerEmail);
		this.#rejections = this.store.cache('rejections');
		this.#refreshed = this.store.cache('refreshed');
		this.#flights = new SharedFlights({
			cache: this.store.cache('flights'),
			acrossProcesses: this.store.shared,
			keys: this.#keys,
			leaseMs: this.#client.timeoutMs * (this.#client.retries + 1) + LEASE_MARGIN_MS,
		});
	}

	stateSizes(): AuthGuardStateSizes {
		const sizes = this.store.localSizes();
		return {
			ipLimiter: sizes.ip ?? 0,
			emailLimiter: sizes.email ?? 0,
			lockoutBudget: sizes.failures ?? 0,
			rejections: sizes.rejections ?? 0,
			refreshed: sizes.refreshed ?? 0,
			flights: sizes.flights ?? 0,
			inFlight: this.#flights.size,
		};
	}

	/** Keys held by the five limiters and caches together: bounded by 5 × maxTrackedKeys. */
	trackedKeys(): number {
		const { ipLimiter, emailLimiter, lockoutBudget, rejections, refreshed } = this.stateSizes();
		return ipLimiter + emailLimiter + lockoutBudget + rejections + refreshed;
	}

	health(): Promise<StoreHealth> {
		return this.store.health();
	}

	close(): Promise<void> {
		return this.store.close();
	}

	login(input: { email: string; password: string }, caller: Caller): Promise<TokenSet> {
		const loginId = typeof input.email === 'string' ? input.email.trim() : '';
		const password = typeof input.password === 'string' ? input.password : '';
		const callKey = this.#keys.digest('login', loginId, password);
		const guarded = async () => {
			if (!loginId || !password) return this.#client.login({ email: loginId, password });
			const emailKey = this.#keys.digest('email', emailLimitKey(loginId));
			await this.#enforceIpLimit(caller.ip);
			enforce(await this.#emailLimiter.consume(emailKey), EMAIL_LIMITED);
			await this.#throwRemembered(callKey);
			return this.#flights.run(`login:${callKey}`, [loginId, password], () => this.#loginUpstream(loginId, password, emailKey, callKey));
		};
		return memoized(caller.requestMemo, `login:${callKey}`, () => failClosed('Logins and refreshes', guarded));
	}

	refresh(token: string, caller: Caller, options: RefreshOptions = {}): Promise<TokenSet> {
		const bare = typeof token === 'string' ? normalizeToken(token) : '';
		const replace = options.replacePermanentToken === true;
		// For a permanent token the flag is part of every key: a replacement made with it is never handed
		// to a call without it. For other tokens it changes nothing, so it does not split their keys.
		const permanent = bare !== '' && inspectToken(bare).permanent;
		const callKey = this.#keys.digest('refresh', bare, permanent && replace ? 'replace' : '');
		const guarded = async () => {
			// Refused by the core without a request (nothing to send, or a permanent token without the flag).
			if (!bare || (permanent && !replace)) return this.#client.refresh(bare, { replacePermanentToken: replace });
			await this.#enforceIpLimit(caller.ip);
			await this.#throwRemembered(callKey);
			const reused = await this.#refreshed.get(callKey);
			const replacement = reused === undefined ? undefined : openAnswer(this.#keys, reused, refreshedContext(bare));
			if (replacement && 'tokens' in replacement) return replacement.tokens;
			return this.#flights.run(`refresh:${callKey}`, [bare], () => this.#refreshUpstream(bare, replace, callKey));
		};
		return memoized(caller.requestMemo, `refresh:${callKey}`, () => failClosed('Logins and refreshes', guarded));
	}

	async #enforceIpLimit(ip: string): Promise<void> {
		enforce(await this.#ipLimiter.consume(this.#keys.digest('ip', ip)), IP_LIMITED);
	}

	async #loginUpstream(loginId: string, password: string, emailKey: string, callKey: string): Promise<TokenSet> {
		const reservation = await this.#lockoutBudget.consume(emailKey);
		if (!reservation.allowed) {
			// The library counted the refused reservation too; it is no failure, so it is given back.
			await bestEffort(this.#lockoutBudget.refund(emailKey));
			enforce(reservation, LOCKOUT_BUDGET_SPENT);
		}
		try {
			const tokens = await this.#client.login({ email: loginId, password });
			await bestEffort(this.#lockoutBudget.reset(emailKey));
			return tokens;
		} catch (error) {
			if (!(error instanceof SmartfloError) || error.code !== 'INVALID_CREDENTIALS') {
				// A point given back after its window ended would open the next window one point short.
				if (reservation.allowed && Date.now() < reservation.windowEndsAt) await bestEffort(this.#lockoutBudget.refund(emailKey));
			} else if (error.reason === 'WRONG_CREDENTIALS') {
				// Only Smartflo's own "wrong email or password" is remembered: a lock or an expired password is
				// lifted in the portal, and another refusal need not be about the password at all.
				await this.#remember(callKey, error);
			}
			throw error;
		}
	}

	async #refreshUpstream(bare: string, replace: boolean, callKey: string): Promise<TokenSet> {
		try {
			const tokens = await this.#client.refresh(bare, { replacePermanentToken: replace });
			const reuseMs = this.limits.refreshReuseSeconds * 1000;
			if (reuseMs > 0) await bestEffort(this.#refreshed.set(callKey, sealAnswer(this.#keys, { tokens }, refreshedContext(bare)), reuseMs));
			return tokens;
		} catch (error) {
			if (error instanceof SmartfloError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_REJECTED'))
				await this.#remember(callKey, error);
			throw error;
		}
	}

	async #remember(callKey: string, error: SmartfloError): Promise<void> {
		const ttlMs = this.limits.rejectionCacheSeconds * 1000;
		if (ttlMs > 0) await bestEffort(this.#rejections.set(callKey, sealAnswer(this.#keys, { error }, rejectionContext(callKey)), ttlMs));
	}

	async #throwRemembered(callKey: string): Promise<void> {
		const stored = await this.#rejections.get(callKey);
		const rejection = stored === undefined ? undefined : openAnswer(this.#keys, stored, rejectionContext(callKey));
		if (rejection && 'error' in rejection) throw rejection.error;
	}
}

/** A token's replacement is sealed with the token it replaces: only its holder can read it. */
const refreshedContext = (bare: string) => ['refreshed', bare];
/** A refusal holds no secret: it is sealed for its key, so that it cannot be forged or moved to another call. */
const rejectionContext = (callKey: string) => ['rejection', callKey];

const IP_LIMITED = 'Too many login and refresh requests from this client.';
const EMAIL_LIMITED = 'Too many login attempts for this email.';
const LOCKOUT_BUDGET_SPENT = 'Too many failed logins for this email; wait before trying again.';
