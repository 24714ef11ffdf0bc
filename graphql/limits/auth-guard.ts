import { SmartfloError, normalizeToken, type SmartfloAuthClient, type TokenSet } from '../../src/auth';
import { emailLimitKey } from './email-key';
import { ExpiringMap } from './expiring-map';
import { createKeyedDigest } from './keyed-digest';
import { RateLimiter, type RateDecision, type RateLimit } from './rate-limiter';
import { SingleFlight } from './single-flight';

export interface AuthGuardLimits {
	/** Login attempts per email (folded by emailLimitKey), answered or not (default 10 per minute). */
	loginsPerEmail: RateLimit;
	/** Logins Smartflo rejected per email (folded by emailLimitKey) (default 5 per 15 minutes). */
	loginFailuresPerEmail: RateLimit;
	/** Login and refresh operations per client IP (default 60 per minute). */
	operationsPerIp: RateLimit;
	/** How long an (email, password) pair Smartflo called wrong, or a rejected token, is answered without asking Smartflo (default 300). */
	rejectionCacheSeconds: number;
	/** How long a token that was just refreshed maps to its replacement (default 30; 0 disables). */
	refreshReuseSeconds: number;
	/** Keys each limiter and cache holds at most (default 10000). */
	maxTrackedKeys: number;
}

export const DEFAULT_AUTH_GUARD_LIMITS: AuthGuardLimits = {
	loginsPerEmail: { limit: 10, windowSeconds: 60 },
	loginFailuresPerEmail: { limit: 5, windowSeconds: 15 * 60 },
	operationsPerIp: { limit: 60, windowSeconds: 60 },
	rejectionCacheSeconds: 300,
	refreshReuseSeconds: 30,
	maxTrackedKeys: 10_000,
};

/** Each limiter and cache is capped at maxTrackedKeys; `inFlight` at the number of concurrent distinct calls. */
export interface AuthGuardStateSizes {
	ipLimiter: number;
	emailLimiter: number;
	failureBudget: number;
	rejections: number;
	refreshed: number;
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
	now?: () => number;
}

/**
 * Stands between GraphQL callers and the Smartflo client: login and refresh semantics stay in the
 * client; this decides whether a call may reach Smartflo at all. Smartflo counts failed logins and
 * may lock the account, so a caller must not be able to spend those attempts through us:
 *
 * - per client IP and per email (folded by emailLimitKey, so variants share one key): token-bucket rate limits;
 * - per folded email: a strict budget of rejected logins, reserved before the call and refunded
 *   when the answer was not a rejection, so concurrent guesses cannot overspend it;
 * - a short negative cache of (email, password) pairs Smartflo called wrong, and of rejected tokens:
 *   a repeated wrong password is answered from memory;
 * - single flight: identical concurrent calls (same request or not) share one upstream call.
 *
 * Secrets are only ever map keys through a keyed digest.
 */
export class AuthGuard {
	readonly limits: AuthGuardLimits;
	readonly #client: SmartfloAuthClient;
	readonly #digest = createKeyedDigest();
	readonly #ipLimiter: RateLimiter;
	readonly #emailLimiter: RateLimiter;
	readonly #failureBudget: RateLimiter;
	readonly #rejections: ExpiringMap<SmartfloError>;
	readonly #refreshed: ExpiringMap<TokenSet>;
	readonly #flights = new SingleFlight<TokenSet>();

	constructor(options: AuthGuardOptions) {
		this.limits = { ...DEFAULT_AUTH_GUARD_LIMITS, ...options.limits };
		this.#client = options.client;
		const now = options.now ?? Date.now;
		const maxKeys = this.limits.maxTrackedKeys;
		this.#ipLimiter = new RateLimiter({ ...this.limits.operationsPerIp, maxKeys, now });
		this.#emailLimiter = new RateLimiter({ ...this.limits.loginsPerEmail, maxKeys, now });
		this.#failureBudget = new RateLimiter({ ...this.limits.loginFailuresPerEmail, maxKeys, now });
		this.#rejections = new ExpiringMap({ maxEntries: maxKeys, now });
		this.#refreshed = new ExpiringMap({ maxEntries: maxKeys, now });
	}

	/** Keys held by each limiter and cache, and the upstream calls in flight. */
	stateSizes(): AuthGuardStateSizes {
		return {
			ipLimiter: this.#ipLimiter.size,
			emailLimiter: this.#emailLimiter.size,
			failureBudget: this.#failureBudget.size,
			rejections: this.#rejections.size,
			refreshed: this.#refreshed.size,
			inFlight: this.#flights.size,
		};
	}

	/** Keys held by every limiter and cache together: bounded by 5 × maxTrackedKeys. */
	trackedKeys(): number {
		return this.#ipLimiter.size + this.#emailLimiter.size + this.#failureBudget.size + this.#rejections.size + this.#refreshed.size;
	}

	login(input: { email: string; password: string }, caller: Caller): Promise<TokenSet> {
		const loginId = typeof input.email === 'string' ? input.email.trim() : '';
		const password = typeof input.password === 'string' ? input.password : '';
		const callKey = `login:${this.#digest('login', loginId, password)}`;
		return memoised(caller.requestMemo, callKey, async () => {
			if (!loginId || !password) return this.#client.login({ email: loginId, password });
			const emailKey = this.#digest('email', emailLimitKey(loginId));
			enforce(this.#ipLimiter.take(caller.ip), 'Too many login and refresh requests from this client.');
			enforce(this.#emailLimiter.take(emailKey), 'Too many login attempts for this email.');
			const rejection = this.#rejections.get(callKey);
			if (rejection) throw rejection;
			return this.#flights.run(callKey, () => this.#loginUpstream(loginId, password, emailKey, callKey));
		});
	}

	refresh(token: string, caller: Caller): Promise<TokenSet> {
		const bare = typeof token === 'string' ? normalizeToken(token) : '';
		const callKey = `refresh:${this.#digest('refresh', bare)}`;
		return memoised(caller.requestMemo, callKey, async () => {
			if (!bare) return this.#client.refresh(bare);
			enforce(this.#ipLimiter.take(caller.ip), 'Too many login and refresh requests from this client.');
			const rejection = this.#rejections.get(callKey);
			if (rejection) throw rejection;
			const replacement = this.#refreshed.get(callKey);
			if (replacement) return replacement;
			return this.#flights.run(callKey, () => this.#refreshUpstream(bare, callKey));
		});
	}

	async #loginUpstream(loginId: string, password: string, emailKey: string, callKey: string): Promise<TokenSet> {
		enforce(this.#failureBudget.take(emailKey), 'Too many failed logins for this email; wait before trying again.');
		try {
			const tokens = await this.#client.login({ email: loginId, password });
			this.#failureBudget.reset(emailKey);
			return tokens;
		} catch (error) {
			if (!(error instanceof SmartfloError) || error.code !== 'INVALID_CREDENTIALS') {
				this.#failureBudget.refund(emailKey);
			} else if (error.reason === 'WRONG_CREDENTIALS') {
				// Only Smartflo's own "wrong email or password" is answered from memory: a lock or an expired
				// password is lifted in the portal, and another refusal need not be about the password at all.
				this.#rejections.set(callKey, error, this.limits.rejectionCacheSeconds * 1000);
			}
			throw error;
		}
	}

	async #refreshUpstream(bare: string, callKey: string): Promise<TokenSet> {
		try {
			const tokens = await this.#client.refresh(bare);
			if (this.limits.refreshReuseSeconds > 0) this.#refreshed.set(callKey, tokens, this.limits.refreshReuseSeconds * 1000);
			return tokens;
		} catch (error) {
			if (error instanceof SmartfloError && (error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_REJECTED')) {
				this.#rejections.set(callKey, error, this.limits.rejectionCacheSeconds * 1000);
			}
			throw error;
		}
	}
}

function enforce(decision: RateDecision, reason: string): void {
	if (decision.allowed) return;
	throw new SmartfloError('RATE_LIMITED', `${reason} Try again in ${decision.retryAfterSeconds} s.`, {
		status: 429,
		retryAfterSeconds: decision.retryAfterSeconds,
	});
}

function memoised(memo: Map<string, Promise<TokenSet>>, key: string, execute: () => Promise<TokenSet>): Promise<TokenSet> {
	const known = memo.get(key);
	if (known) return known;
	const started = execute();
	memo.set(key, started);
	return started;
}
