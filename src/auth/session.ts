import type { SmartfloAuthClient } from './client';
import { SmartfloError, isSmartfloError } from './errors';
import { renewToken } from './renew';
import { isRenewalDue, RENEW_EARLY_MS } from './renew-early';
import type { TokenSet } from './responses';
import { SingleFlight } from './single-flight';
import { assertStaticTokenUnexpired } from './static-token';
import { normalizeToken } from './token';

/** A session renews one token: its flights share one key. */
const RENEWAL = 'renewal';

export type TokenSessionSource =
	{ client: SmartfloAuthClient; email: string; password: string } | { client: SmartfloAuthClient; token: string };

export interface TokenSessionOptions {
	/** Renew a token this many seconds before it expires (default 300, the core's RENEW_EARLY_MS; at most half its lifetime). */
	refreshBeforeSeconds?: number;
	/** Clock in epoch ms; replaceable to simulate the passing of time. */
	now?: () => number;
}

/**
 * One Smartflo identity's token, kept fresh. Concurrent callers share one upstream call; renewal
 * refreshes first and logs in when the refresh is rejected. A static (permanent / API Connect) token
 * is used as it is and never causes a login.
 */
export class TokenSession {
	readonly #client: SmartfloAuthClient;
	readonly #login?: { email: string; password: string };
	readonly #staticToken?: string;
	readonly #refreshBeforeMs: number;
	readonly #now: () => number;
	#current?: TokenSet;
	#rejected = false;
	readonly #renewal = new SingleFlight<TokenSet>();

	constructor(source: TokenSessionSource, options: TokenSessionOptions = {}) {
		this.#client = source.client;
		if ('token' in source) this.#staticToken = normalizeToken(source.token);
		else this.#login = { email: source.email, password: source.password };
		this.#refreshBeforeMs = options.refreshBeforeSeconds === undefined ? RENEW_EARLY_MS : Math.max(0, options.refreshBeforeSeconds) * 1000;
		this.#now = options.now ?? Date.now;
	}

	/** The token to send now. */
	async getToken(): Promise<string> {
		if (this.#staticToken !== undefined) return this.#checkedStaticToken();
		const current = this.#current;
		if (current && !this.#rejected && !this.#isDue(current)) return current.accessToken;
		return (await this.#renew()).accessToken;
	}

	/**
	 * The API refused the token (401): the next getToken renews. Pass the refused token to ignore a
	 * late refusal of a token that has already been replaced.
	 */
	invalidate(refusedToken?: string): void {
		if (!this.#current) return;
		if (refusedToken !== undefined && normalizeToken(refusedToken) !== this.#current.accessToken) return;
		this.#rejected = true;
	}

	/** The last token set obtained, if any (never for a static token). */
	get tokenSet(): TokenSet | undefined {
		return this.#current;
	}

	#checkedStaticToken(): string {
		const token = this.#staticToken as string;
		if (!token) throw new SmartfloError('INVALID_INPUT', 'The access token is empty.');
		assertStaticTokenUnexpired(token, this.#now());
		return token;
	}

	#isDue(tokenSet: TokenSet): boolean {
		return isRenewalDue({ expiresAt: tokenSet.expiresAt, lifetimeMs: tokenSet.expiresIn * 1000 }, this.#now(), this.#refreshBeforeMs);
	}

	#renew(): Promise<TokenSet> {
		return this.#renewal.run(RENEWAL, () => this.#performRenewal());
	}

	async #performRenewal(): Promise<TokenSet> {
		const previous = this.#current;
		const previousRejected = this.#rejected;
		try {
			const next = await renewToken(this.#client, this.#login!, previous?.accessToken);
			this.#current = next;
			this.#rejected = false;
			return next;
		} catch (error) {
			// Smartflo is briefly unavailable but the token still works: keep serving it.
			const stillValid = previous && !previousRejected && this.#now() < previous.expiresAt;
			if (stillValid && isSmartfloError(error) && error.transient) return previous;
			throw error;
		}
	}
}
