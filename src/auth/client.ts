import type { HttpRequest, HttpResponse, HttpTransport } from '../http/transport';
import { SmartfloError } from './errors';
import { inspectToken } from './inspect';
import { readTokenResponse, type TokenOperation, type TokenSet } from './responses';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './retry';
import { transportFailure } from './transport-failure';
import { authorizationHeader } from './token';

export const DEFAULT_BASE_URL = 'https://api-smartflo.tatateleservices.com';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 2;

/** Longer inputs are refused before any request: no Smartflo login ID, password or token is that long. */
const MAX_EMAIL_LENGTH = 320;
const MAX_PASSWORD_LENGTH = 1024;

export interface SmartfloAuthClientOptions {
	/** Default: the production API. */
	baseUrl?: string;
	/** Per attempt (default 10000). */
	timeoutMs?: number;
	/** Extra attempts after a network error, a 5xx or a 429 (default 2; 0 disables retries). */
	retries?: number;
	retryPolicy?: Partial<RetryPolicy>;
}

/**
 * What the core cannot provide itself, so that it runs unchanged inside n8n (whose verified nodes may
 * not use Node's timers) and in a plain Node process (see `src/runtime`).
 */
export interface SmartfloRuntime {
	transport: HttpTransport;
	/** Resolves after `ms` milliseconds: the pause before a retry. */
	sleep(ms: number): Promise<void>;
}

export interface RefreshOptions {
	/** Refresh a permanent token too, which Smartflo replaces with a one-hour token (default false). */
	replacePermanentToken?: boolean;
}

export interface LoginInput {
	email: string;
	password: string;
}

/** Smartflo's two token endpoints, with Smartflo's quirks read the same way everywhere. */
export class SmartfloAuthClient {
	readonly baseUrl: string;
	readonly timeoutMs: number;
	readonly retries: number;
	private readonly transport: HttpTransport;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly retryPolicy: RetryPolicy;

	constructor(options: SmartfloAuthClientOptions & SmartfloRuntime) {
		this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
		this.timeoutMs = positiveOr(options.timeoutMs, DEFAULT_TIMEOUT_MS);
		this.retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES));
		this.transport = options.transport;
		this.sleep = options.sleep;
		this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
	}

	/** `POST /v1/auth/login`. A rejected login is sent exactly once. */
	async login({ email, password }: LoginInput): Promise<TokenSet> {
		const loginId = typeof email === 'string' ? email.trim() : '';
		if (!loginId || typeof password !== 'string' || password === '') {
			throw new SmartfloError('INVALID_INPUT', 'Email and password are both required to log in to Smartflo.');
		}
		if (loginId.length > MAX_EMAIL_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
			throw new SmartfloError('INVALID_INPUT', 'The email or password is longer than Smartflo accepts.');
		}
		return this.exchange('login', {
			method: 'POST',
			url: `${this.baseUrl}/v1/auth/login`,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: loginId, password }),
			timeoutMs: this.timeoutMs,
		});
	}

	/**
	 * `POST /v1/auth/refresh` with `Authorization: Bearer <token>`; a pasted `Bearer ` is stripped first.
	 * A token that cannot be sent (empty, too long, not header-safe) is refused with no request, and so
	 * is a permanent token unless `replacePermanentToken` confirms that it may become a one-hour token.
	 */
	async refresh(token: string, options: RefreshOptions = {}): Promise<TokenSet> {
		const authorization = authorizationHeader(token);
		if (!options.replacePermanentToken && inspectToken(token).permanent) {
			throw new SmartfloError(
				'INVALID_INPUT',
				'This is a permanent Smartflo token: refreshing it would replace it with a token that expires in an hour. Use it as it is, or confirm that it may be replaced.',
			);
		}
		return this.exchange('refresh', {
			method: 'POST',
			url: `${this.baseUrl}/v1/auth/refresh`,
			headers: { Accept: 'application/json', Authorization: authorization },
			timeoutMs: this.timeoutMs,
		});
	}

	private async exchange(operation: TokenOperation, request: HttpRequest): Promise<TokenSet> {
		for (let attempt = 0; ; attempt++) {
			const requestedAt = Date.now();
			try {
				return readTokenResponse(operation, await this.send(request), requestedAt);
			} catch (error) {
				if (!isRetryable(error) || attempt >= this.retries) throw error;
				const delay = retryDelayMs(error, attempt, this.retryPolicy);
				if (delay === null) throw error;
				await this.sleep(delay);
			}
		}
	}

	private async send(request: HttpRequest): Promise<HttpResponse> {
		try {
			return await this.transport.request(request);
		} catch (error) {
			throw transportFailure(error, this.baseUrl, this.timeoutMs);
		}
	}
}

/** Origin and path only: credentials in a URL must never reach a message. */
export function normalizeBaseUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(String(raw).trim());
	} catch {
		throw new SmartfloError(
			'INVALID_INPUT',
			'The Smartflo base URL is not a valid URL (expected e.g. https://api-smartflo.tatateleservices.com).',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new SmartfloError('INVALID_INPUT', 'The Smartflo base URL must start with https:// or http://.');
	}
	// A pasted '/v1' is dropped: the client adds it.
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
	return `${url.protocol}//${url.host}${path}`;
}

function positiveOr(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
