import type { SandboxWebhookControls } from './webhooks/types';

export interface SandboxAccount {
	email: string;
	password: string;
	/** Days until the password expires under Smartflo's 90-day policy (`number_of_days_left`); default 30. */
	passwordDaysLeft?: number;
}

export interface SandboxSeedOptions {
	users?: number;
	callRecords?: number;
	liveCalls?: number;
	/** Seeded call records end before this instant and spread over the 30 days before it; default: start time. */
	endDate?: Date | string;
}

export interface SandboxOptions {
	/** 0 = any free port. */
	port?: number;
	host?: string;
	accounts?: SandboxAccount[];
	tokenTtlSeconds?: number;
	/** Added to every response. */
	latencyMs?: number;
	/** Server-side cap on `limit` for list endpoints. */
	maxPageSize?: number;
	/** Lock an account after this many consecutive failed logins; never when undefined. */
	lockAfterFailedLogins?: number;
	seed?: SandboxSeedOptions;
	/** Keys accepted by click_to_call_support; replaces the default `[DEMO_SUPPORT_API_KEY]`. */
	supportApiKeys?: string[];
	/** HS256 signing secret; random per sandbox by default. */
	jwtSecret?: string;
}

export type TokenKind = 'login' | 'permanent' | 'api-connect';

export interface IssueTokenOptions {
	/** Whose token (its `sub`); default: the first account. */
	email?: string;
	/** Lifetime; default by kind (login: the configured TTL). Zero or negative mints an already expired token. */
	ttlSeconds?: number;
	kind?: TokenKind;
}

export interface SandboxConfigPatch {
	tokenTtlSeconds?: number;
	latencyMs?: number;
	maxPageSize?: number;
}

export type SandboxConfig = Required<SandboxConfigPatch>;

export interface SandboxStats {
	/** Every request outside `/__sandbox/`. */
	requests: number;
	/** Every request to /v1/auth/login, faulted ones included. */
	loginAttempts: number;
	/** Logins that issued a token. */
	logins: number;
	/** Logins refused for the credentials: unknown email, wrong password, locked account, expired password. */
	failedLogins: number;
	/** Every request to /v1/auth/refresh, faulted ones included. */
	refreshAttempts: number;
	/** Refreshes that issued a token. */
	refreshes: number;
	/** Every request to any other API path (/v1/…, /v2/…), faulted and rejected ones included. */
	apiRequests: number;
	/** Requests refused for a missing, expired, revoked or garbled token (refresh and API). */
	rejectedTokens: number;
	/** Requests a fault rule was applied to. */
	faultsApplied: number;
	/** Request counts per route, e.g. `"GET /v1/user/{id}"`; `"unmatched"` for unknown paths. */
	byPath: Record<string, number>;
	/** Counts of responses sent, per HTTP status. */
	byStatus: Record<string, number>;
}

export interface AccountState {
	loginFailedCount: number;
	locked: boolean;
}

/** Which requests a fault applies to: /v1/auth/*, every other versioned path (/v1/…, /v2/…), everything, or a path prefix. */
export type FaultMatch = 'auth' | 'api' | 'all' | (string & {});

export type SandboxFault = FaultKind & {
	match?: FaultMatch;
	/** Requests affected; default 1. Infinity (or null / -1 over JSON) = until cleared. */
	times?: number | null;
};

export type FaultKind =
	| { type: 'latency'; ms: number }
	| { type: 'rateLimit'; retryAfter?: string }
	| { type: 'serverError'; status?: 500 | 502 | 503 | 504 }
	| { type: 'html'; status?: number }
	| { type: 'truncatedJson'; status?: number }
	| { type: 'drop' }
	| { type: 'hang' }
	/** A refused token: 401 by default, or 403 as some Smartflo gateways answer. */
	| { type: 'unauthorized'; status?: 401 | 403; message?: string };

export interface QueuedFaultInfo {
	type: FaultKind['type'];
	match: FaultMatch;
	/** Uses left; null = until cleared. */
	remaining: number | null;
}

export interface SandboxControls extends SandboxWebhookControls {
	stats(): SandboxStats;
	resetStats(): void;
	issueToken(opts?: IssueTokenOptions): string;
	/** Afterwards the token is answered "Deleted or blacklisted token provided" (until it expires). */
	revokeToken(token: string): void;
	revokeAllTokens(): void;
	/** Every token issued so far is answered "Token has expired" from now on. */
	expireAllTokens(): void;
	/** Applies the patch and returns the resulting configuration. */
	configure(patch: SandboxConfigPatch): SandboxConfig;
	getConfig(): SandboxConfig;
	injectFault(fault: SandboxFault): void;
	clearFaults(): void;
	/** The queued fault rules, in the order they are tried. */
	listFaults(): QueuedFaultInfo[];
	accountState(email: string): AccountState;
	/** Clears an account's failed-login count and lock. */
	unlockAccount(email: string): void;
}

export interface SandboxHandle extends SandboxControls {
	/** e.g. http://127.0.0.1:41234 (no trailing slash) */
	url: string;
	/** Closes the server and destroys open (keep-alive, hung) connections. */
	close(): Promise<void>;
}
