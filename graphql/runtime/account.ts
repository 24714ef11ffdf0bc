import { acceptPastedToken, isSmartfloError, SmartfloError, TokenSession, type LoginInput, type TokenSet } from '../../src/auth';
import type { HttpTransport } from '../../src/http';
import type { Logger } from '../logging';
import { createFetchTransport } from './fetch-transport';
import { SmartfloApiClient, SmartfloAuthClient } from './node-client';

/** The server's own Smartflo login: an email and password, or a permanent / API Connect token. */
export type AccountCredentials = { email: string; password: string } | { accessToken: string };

export interface ServerAccountOptions {
	credentials: AccountCredentials;
	/** Smartflo's API (default: production). */
	baseUrl?: string;
	/** How to reach Smartflo (default: Node's fetch). The GraphQL server passes its keep-alive pool. */
	transport?: HttpTransport;
	/** Per attempt, for the account's logins and its API calls (default 10000, as SMARTFLO_TIMEOUT_MS). */
	timeoutMs?: number;
	/** After Smartflo refuses the email and password, how long no login is tried (default 900: one in 15 minutes). */
	refusedLoginPauseSeconds?: number;
	/** Where the one line about a refused login goes (never with the email, password or token). */
	logger?: Pick<Logger, 'error'>;
	/** Clock in epoch ms (the pause after a refused login). */
	now?: () => number;
}

/**
 * The account the server holds for its callers (GraphQL callers with an API key, the MCP server):
 * one TokenSession, which logs in on first use, renews its token before it expires and after a refusal,
 * and shares one login between concurrent calls. Nothing here shows the password or the token.
 */
export interface ServerAccount {
	/** How the account logs in. */
	readonly method: 'password' | 'accessToken';
	/** What a banner may say about the account: its email, or "an access token". Never the secret. */
	readonly label: string;
	readonly session: TokenSession;
	/** The account's API client, over the account's transport. */
	readonly client: SmartfloApiClient;
	/** An API client over the same session whose requests go through `transport` (e.g. one request's budget). */
	clientOver(transport: HttpTransport): SmartfloApiClient;
}

export const DEFAULT_ACCOUNT_TIMEOUT_MS = 10_000;
export const DEFAULT_REFUSED_LOGIN_PAUSE_SECONDS = 900;

/**
 * The server-held account both server faces use. Logs in lazily (nothing is sent until the first
 * call). A TypeError for credentials that cannot work: empty, or a token that is masked, malformed or
 * expired (checked locally, as the n8n credential checks a pasted token).
 */
export function createServerAccount(options: ServerAccountOptions): ServerAccount {
	const transport = options.transport ?? createFetchTransport();
	const timeoutMs = options.timeoutMs ?? DEFAULT_ACCOUNT_TIMEOUT_MS;
	const { credentials } = options;
	const auth = new PausingLoginClient(
		{ baseUrl: options.baseUrl, transport, timeoutMs },
		(options.refusedLoginPauseSeconds ?? DEFAULT_REFUSED_LOGIN_PAUSE_SECONDS) * 1000,
		options.now ?? Date.now,
		options.logger,
	);
	let session: TokenSession;
	let method: ServerAccount['method'];
	let label: string;
	if ('accessToken' in credentials) {
		session = new TokenSession({ client: auth, token: checkedAccessToken(credentials.accessToken) }, { now: options.now });
		method = 'accessToken';
		label = 'an access token';
	} else {
		const { email, password } = credentials;
		if (typeof email !== 'string' || email.trim() === '' || typeof password !== 'string' || password === '')
			throw new TypeError('account needs a non-empty email and password.');
		session = new TokenSession({ client: auth, email: email.trim(), password }, { now: options.now });
		method = 'password';
		label = email.trim();
	}
	const clientOver = (over: HttpTransport) =>
		new SmartfloApiClient({ auth: { session }, baseUrl: options.baseUrl, transport: over, timeoutMs });
	return { method, label, session, client: clientOver(transport), clientOver };
}

function checkedAccessToken(raw: unknown): string {
	try {
		return acceptPastedToken(typeof raw === 'string' ? raw : '');
	} catch (error) {
		if (error instanceof SmartfloError) throw new TypeError(`account.accessToken: ${error.message}`);
		throw error;
	}
}

/**
 * The account's logins. Smartflo counts failed logins and may lock the account: after it refuses the
 * email and password, the refusal is answered without asking again for a pause (one attempt per 15
 * minutes by default, under the lockout budget callers' logins get), so that a wrong SMARTFLO_PASSWORD
 * does not lock the account however many requests come in.
 */
class PausingLoginClient extends SmartfloAuthClient {
	#refusal?: { error: SmartfloError; until: number };

	constructor(
		options: ConstructorParameters<typeof SmartfloAuthClient>[0],
		private readonly pauseMs: number,
		private readonly now: () => number,
		private readonly logger?: Pick<Logger, 'error'>,
	) {
		super(options);
	}

	override async login(input: LoginInput): Promise<TokenSet> {
		const refusal = this.#refusal;
		if (refusal && this.now() < refusal.until) throw refusal.error;
		try {
			return await super.login(input);
		} catch (error) {
			if (!isSmartfloError(error, 'INVALID_CREDENTIALS')) throw error;
			const minutes = Math.ceil(this.pauseMs / 60_000);
			const refused = new SmartfloError(
				'INVALID_CREDENTIALS',
				`Smartflo refused the server's own account; the server's operator must correct its email and password. No login is tried for ${minutes} min.`,
				{ reason: error.reason, loginFailedCount: error.loginFailedCount },
			);
			this.#refusal = { error: refused, until: this.now() + this.pauseMs };
			this.logger?.error('smartflo refused the server account', { reason: error.reason ?? 'INVALID_CREDENTIALS', pauseMinutes: minutes });
			throw refused;
		}
	}
}
