import type { HttpTransport } from '../src/http';
import type { GraphiQLExample } from './graphiql';
import type { AuthGuardLimits } from './limits/auth-guard';
import type { DataLimits } from './limits/data-guard';
import type { RedisStateOptions } from './limits/redis-store';
import type { Logger, LoggerOptions } from './logging';
import type { AccountCredentials } from './runtime/account';
import type { ApiKeyEntry } from './runtime/api-keys';

export type IntrospectionMode = 'on' | 'off' | 'key';

export interface ArmorLimits {
	maxDepth: number;
	maxAliases: number;
	maxTokens: number;
	maxDirectives: number;
	maxCost: number;
}

export interface GraphQLServerOptions {
	/** Smartflo's API (default: production). Server configuration only: never a client argument. */
	baseUrl?: string;
	/** How to reach Smartflo; default: one undici keep-alive pool, owned and closed by the server. */
	transport?: HttpTransport;
	/** Per upstream attempt (default 10000). */
	upstreamTimeoutMs?: number;
	/** Extra attempts after a network error, a 5xx or a 429 (default: the core's, 2). Rejected logins are never retried. */
	upstreamRetries?: number;
	/** Production mode: GraphiQL, the landing page and introspection default to off. */
	production?: boolean;
	/** Default: on in development, off in production. */
	graphiql?: boolean;
	/** Prefills GraphiQL's login tab (the sandbox's demo account). */
	graphiqlExample?: GraphiQLExample;
	/** Default: on in development, off in production; 'key' needs `introspectionKey`. */
	introspection?: IntrospectionMode;
	/** With introspection 'key': the value callers send in the `x-introspection-key` header. */
	introspectionKey?: string;
	/** Browser origins allowed to call the API; none (no CORS headers at all) by default. */
	corsOrigins?: string[];
	/** Proxies in front of the server whose X-Forwarded-For is believed (default 0: the header is ignored). */
	trustedProxies?: number;
	limits?: Partial<AuthGuardLimits>;
	/**
	 * The server-held Smartflo account callers reach with an API key: it logs in on first use, renews
	 * its token by itself and is shared by every request. Needs `apiKeys`. Without it, data operations
	 * take the caller's own token (`Authorization: Bearer <token>`) only.
	 */
	account?: AccountCredentials;
	/** The keys callers send in `X-API-Key` to use `account`, each with a name and a permission (`read` or `write`). Needs `account`. */
	apiKeys?: readonly ApiKeyEntry[];
	/** Rate limits per API key and per IP for data operations, and the upstream calls one request may make. */
	dataLimits?: Partial<DataLimits>;
	/** Keeps every limit and cache in Redis, shared by the replicas that use it (default: this process's memory). Needs `limitsSecret`. */
	redis?: RedisStateOptions;
	/**
	 * Server secret (at least 32 random characters, e.g. from `openssl rand -base64 48`; one that repeats
	 * itself or uses few different characters is refused) that keys every state key's HMAC and seals
	 * what is kept for reuse; the same on every replica. Default: random per process, which shares nothing, so it is
	 * required with `redis`.
	 */
	limitsSecret?: string;
	/** Retry-After sent when Smartflo rate-limits without saying for how long (default 30). */
	defaultRetryAfterSeconds?: number;
	armor?: Partial<ArmorLimits>;
	/** Larger request bodies are answered 413 (default 65536). */
	maxRequestBodyBytes?: number;
	/** A logger, or options for the built-in JSON-lines logger. */
	logger?: Logger | LoggerOptions;
	/** How long dispose() lets in-flight upstream requests finish before cutting the pool (default 10000). */
	upstreamCloseTimeoutMs?: number;
}

export const DEFAULT_ARMOR_LIMITS: ArmorLimits = { maxDepth: 6, maxAliases: 5, maxTokens: 800, maxDirectives: 10, maxCost: 1000 };
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
export const DEFAULT_RETRY_AFTER_SECONDS = 30;
/** At shutdown, how long in-flight requests (callers' and the upstream pool's) may take to finish. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const INTROSPECTION_KEY_HEADER = 'x-introspection-key';
export const READINESS_ENDPOINT = '/ready';
export const HEALTH_ENDPOINT = '/health';
export const GRAPHQL_ENDPOINT = '/graphql';
