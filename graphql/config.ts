import { DEFAULT_AUTH_GUARD_LIMITS } from './limits/auth-guard';
import { LIMITS_SECRET_ADVICE, limitsSecretProblem, MIN_LIMITS_SECRET_LENGTH } from './limits/limits-secret';
import { MAX_WINDOW_TEXT, type RateLimit } from './limits/rate-limiter';
import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, DEFAULT_REDIS_KEY_PREFIX } from './limits/redis-store';
import type { RedisOutagePolicy } from './limits/state-store';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_SHUTDOWN_TIMEOUT_MS, type GraphQLServerOptions, type IntrospectionMode } from './options';
import { ACCOUNT_SETTINGS, accountCredentialsOf, hasAccount, type AccountSettings } from './settings/account';
import { API_KEY_SETTINGS, apiKeyEntriesOf, type ApiKeySettings } from './settings/api-keys';
import { DATA_LIMIT_SETTINGS, dataLimitsOf } from './settings/data-limits';
import { LOG_SETTINGS } from './settings/logging';
import {
	composeSettings,
	ConfigError,
	HELP_FLAG,
	settingsGroup,
	type ConfigOfCommand,
	type ParsedCommand,
	type SettingRow,
} from './settings/settings';
import { SMARTFLO_SETTINGS, type SmartfloSettings } from './settings/smartflo';
import { integerSetting, parseOnOff, parseOrigins, rateSetting } from './settings/values';

export { ConfigError, HELP_FLAG };
export type { Setting } from './settings/settings';

/** The GraphQL server's own settings; the shared groups (Smartflo, its account, API keys, data limits, logs) are composed in below. */
export interface GraphQLServerSettings {
	port: number;
	host: string;
	production: boolean;
	corsOrigins: string[];
	introspection: IntrospectionMode;
	introspectionKey?: string;
	graphiql: boolean;
	trustedProxies: number;
	loginsPerEmail: RateLimit;
	lockoutBudgetPerEmail: RateLimit;
	operationsPerIp: RateLimit;
	rejectionCacheSeconds: number;
	refreshReuseSeconds: number;
	maxTrackedKeys: number;
	limitsSecret?: string;
	redisUrl?: string;
	redisKeyPrefix: string;
	redisOutage: RedisOutagePolicy;
	redisTimeoutMs: number;
	maxRequestBodyBytes: number;
	shutdownTimeoutMs: number;
	drainDelayMs: number;
}

const MIN_INTROSPECTION_KEY_LENGTH = 16;
const MAX_TRUSTED_PROXIES = 10;
const DEFAULT_PORT = 4000;
const DEFAULT_HOST = '127.0.0.1';
const limits = DEFAULT_AUTH_GUARD_LIMITS;

const GRAPHQL_SERVER_SETTINGS = settingsGroup<GraphQLServerSettings>({
	port: {
		flag: '--port',
		env: 'PORT',
		value: '<n>',
		description: 'Port to listen on (0 = any free port).',
		...integerSetting(DEFAULT_PORT, 0, 65_535),
	},
	host: {
		flag: '--host',
		env: 'HOST',
		value: '<address>',
		description: 'Interface to bind; 0.0.0.0 for all (e.g. in a container).',
		defaultText: DEFAULT_HOST,
		default: () => DEFAULT_HOST,
		parse: (raw) => raw,
	},
	production: {
		flag: '--production',
		offFlag: '--development',
		env: 'NODE_ENV',
		description:
			'NODE_ENV=production or --production: GraphiQL, landing page and introspection default to off. --development forces development.',
		defaultText: 'development',
		default: () => false,
		parse: (raw) => raw === 'production',
	},
	corsOrigins: {
		flag: '--cors-origins',
		env: 'CORS_ORIGINS',
		value: '<a,b>',
		description:
			'Comma-separated browser origins allowed to call the API; other origins, and all of them when empty, get no CORS headers at all.',
		defaultText: '(none)',
		default: () => [],
		parse: parseOrigins,
	},
	introspectionKey: {
		env: 'INTROSPECTION_KEY',
		description: `Secret for introspection "key" (at least ${MIN_INTROSPECTION_KEY_LENGTH} characters); env only, so it is not visible in the process list.`,
		defaultText: '(none)',
		default: () => undefined,
		parse: (raw) => raw,
	},
	introspection: {
		flag: '--introspection',
		env: 'INTROSPECTION',
		value: '<on|off|key>',
		description: 'Schema introspection: allowed, refused, or allowed with the x-introspection-key header.',
		defaultText: 'on (dev), off (prod), key when INTROSPECTION_KEY is set',
		default: (earlier) => checkIntrospection(earlier.introspectionKey ? 'key' : earlier.production ? 'off' : 'on', earlier),
		parse: (raw, name, earlier) => {
			if (raw !== 'on' && raw !== 'off' && raw !== 'key') throw new ConfigError(`${name} must be on, off or key.`);
			return checkIntrospection(raw, earlier);
		},
	},
	graphiql: {
		flag: '--graphiql',
		env: 'GRAPHIQL',
		value: '<on|off>',
		description: 'The GraphiQL IDE at GET /graphql in a browser.',
		defaultText: 'on (dev), off (prod)',
		default: (earlier) => !earlier.production,
		parse: parseOnOff,
	},
	trustedProxies: {
		flag: '--trusted-proxies',
		env: 'TRUSTED_PROXIES',
		value: '<n>',
		description: 'Proxies in front whose X-Forwarded-For is believed for the client IP; 0 ignores the header.',
		...integerSetting(0, 0, MAX_TRUSTED_PROXIES),
	},
	loginsPerEmail: {
		flag: '--login-limit-per-email',
		env: 'LOGIN_LIMIT_PER_EMAIL',
		description: 'Login attempts per email (case, accents, width and invisible characters folded).',
		...rateSetting(limits.loginsPerEmail),
	},
	lockoutBudgetPerEmail: {
		flag: '--login-failure-limit-per-email',
		env: 'LOGIN_FAILURE_LIMIT_PER_EMAIL',
		description:
			'The lockout budget: logins Smartflo may reject per email before the server stops asking it, so that no caller can lock the account.',
		...rateSetting(limits.lockoutBudgetPerEmail),
	},
	operationsPerIp: {
		flag: '--rate-limit-per-ip',
		env: 'RATE_LIMIT_PER_IP',
		description: 'Login and refresh operations per client IP.',
		...rateSetting(limits.operationsPerIp),
	},
	rejectionCacheSeconds: {
		flag: '--rejection-cache-seconds',
		env: 'REJECTION_CACHE_SECONDS',
		value: '<n>',
		description: 'A password Smartflo called wrong, or a rejected token, is answered without asking Smartflo this long.',
		...integerSetting(limits.rejectionCacheSeconds, 0, 86_400),
	},
	refreshReuseSeconds: {
		flag: '--refresh-reuse-seconds',
		env: 'REFRESH_REUSE_SECONDS',
		value: '<n>',
		description: 'A token refreshed this recently gets the same new token again (0 = off).',
		...integerSetting(limits.refreshReuseSeconds, 0, 3_600),
	},
	maxTrackedKeys: {
		flag: '--rate-limit-max-keys',
		env: 'RATE_LIMIT_MAX_KEYS',
		value: '<n>',
		description:
			'Emails / IPs / cached rejections each limiter and cache in this process remembers at most (with REDIS_URL: those of the outage fallback).',
		...integerSetting(limits.maxTrackedKeys, 100, 10_000_000),
	},
	limitsSecret: {
		env: 'LIMITS_HMAC_SECRET',
		description: `Server secret (at least ${MIN_LIMITS_SECRET_LENGTH} random characters: ${LIMITS_SECRET_ADVICE}) keying the HMAC of every limit and cache key and sealing what is kept for reuse; required with REDIS_URL, the same on every replica; env only.`,
		defaultText: 'random per process',
		default: () => undefined,
		parse: (raw, name) => {
			const problem = limitsSecretProblem(raw);
			if (problem) throw new ConfigError(`${name} ${problem}.`);
			return raw;
		},
	},
	redisUrl: {
		flag: '--redis-url',
		env: 'REDIS_URL',
		value: '<url>',
		description:
			'Keep the limits and caches in Redis (redis:// or rediss://), shared by every replica; unset, in this process. A password in a flag shows in the process list: prefer the variable.',
		defaultText: '(none: in memory)',
		default: () => undefined,
		parse: parseRedisUrl,
	},
	redisKeyPrefix: {
		flag: '--redis-key-prefix',
		env: 'REDIS_KEY_PREFIX',
		value: '<prefix>',
		description: 'Prefix of every Redis key; replicas that share limits use the same one.',
		defaultText: DEFAULT_REDIS_KEY_PREFIX,
		default: () => DEFAULT_REDIS_KEY_PREFIX,
		parse: (raw, name) => {
			if (!/^[\w.:-]{1,64}$/.test(raw)) throw new ConfigError(`${name} may hold 1 to 64 letters, digits, "_", ".", ":" and "-".`);
			return raw;
		},
	},
	redisOutage: {
		flag: '--redis-outage',
		env: 'REDIS_OUTAGE',
		value: '<fail-closed|memory>',
		description:
			"While Redis is unreachable: refuse logins, refreshes and data operations (RATE_LIMITED, /ready 503), or serve with this process's own limits.",
		defaultText: 'fail-closed',
		default: () => 'fail-closed',
		parse: (raw, name) => {
			if (raw !== 'fail-closed' && raw !== 'memory') throw new ConfigError(`${name} must be fail-closed or memory.`);
			return raw;
		},
	},
	redisTimeoutMs: {
		flag: '--redis-timeout-ms',
		env: 'REDIS_TIMEOUT_MS',
		value: '<n>',
		description:
			'How long one Redis command may take before it counts as failed; after a failure Redis is skipped until it answers a PING again.',
		...integerSetting(DEFAULT_REDIS_COMMAND_TIMEOUT_MS, 10, 60_000),
	},
	maxRequestBodyBytes: {
		flag: '--max-body-bytes',
		env: 'MAX_BODY_BYTES',
		value: '<n>',
		description: 'Larger request bodies get HTTP 413.',
		...integerSetting(DEFAULT_MAX_REQUEST_BODY_BYTES, 1_024, 10_000_000),
	},
	shutdownTimeoutMs: {
		flag: '--shutdown-timeout-ms',
		env: 'SHUTDOWN_TIMEOUT_MS',
		value: '<n>',
		description: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish.',
		...integerSetting(DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 600_000),
	},
	drainDelayMs: {
		flag: '--shutdown-drain-delay-ms',
		env: 'SHUTDOWN_DRAIN_DELAY_MS',
		value: '<n>',
		description: 'On SIGTERM, /ready answers 503 this long before the server stops accepting (load balancer drain).',
		...integerSetting(0, 0, 600_000),
	},
});

/**
 * Every setting of smartflo-graphql, in --help order: where Smartflo is and the account the server
 * holds for its callers (shared with every command that calls Smartflo), then the server's own.
 */
const COMMAND = composeSettings(
	[SMARTFLO_SETTINGS, ACCOUNT_SETTINGS, API_KEY_SETTINGS, DATA_LIMIT_SETTINGS, LOG_SETTINGS, GRAPHQL_SERVER_SETTINGS],
	checkAccountAndKeys,
);

/** Every field the command's settings give. */
export type CliConfig = ConfigOfCommand<typeof COMMAND>;

export type CliCommand = ParsedCommand<CliConfig>;

/** The settings in --help order. */
export const SETTINGS: readonly SettingRow<CliConfig>[] = COMMAND.rows;

/**
 * A key reaches the server-held account, so keys need one; and an account only keys reach needs a key.
 * With --sandbox the sandbox's demo account is the account, and a key for it is generated.
 */
function checkAccountAndKeys(config: SmartfloSettings & AccountSettings & ApiKeySettings): void {
	if (config.sandbox) return;
	const keys = apiKeyEntriesOf(config) !== undefined;
	if (keys && !hasAccount(config))
		throw new ConfigError(
			'API_KEYS / API_KEYS_FILE need a server-held account for the keys to reach: set SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN.',
		);
	if (!keys && hasAccount(config))
		throw new ConfigError(
			'The server-held account (SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN) is reached only with an API key: set API_KEYS or API_KEYS_FILE (make a key with `openssl rand -base64 32`).',
		);
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
	const command = COMMAND.parse(argv, env);
	if (command.kind === 'help') return command;
	// The secret is kept only where it is used.
	if (command.config.introspection !== 'key') delete command.config.introspectionKey;
	return command;
}

export function serverOptionsFrom(config: CliConfig): GraphQLServerOptions {
	return {
		baseUrl: config.baseUrl,
		production: config.production,
		graphiql: config.graphiql,
		introspection: config.introspection,
		introspectionKey: config.introspectionKey,
		corsOrigins: config.corsOrigins,
		trustedProxies: config.trustedProxies,
		limits: {
			loginsPerEmail: config.loginsPerEmail,
			lockoutBudgetPerEmail: config.lockoutBudgetPerEmail,
			operationsPerIp: config.operationsPerIp,
			rejectionCacheSeconds: config.rejectionCacheSeconds,
			refreshReuseSeconds: config.refreshReuseSeconds,
			maxTrackedKeys: config.maxTrackedKeys,
		},
		account: accountCredentialsOf(config),
		apiKeys: apiKeyEntriesOf(config),
		dataLimits: dataLimitsOf(config),
		limitsSecret: config.limitsSecret,
		redis: config.redisUrl
			? { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, outage: config.redisOutage, commandTimeoutMs: config.redisTimeoutMs }
			: undefined,
		maxRequestBodyBytes: config.maxRequestBodyBytes,
		upstreamTimeoutMs: config.upstreamTimeoutMs,
		upstreamCloseTimeoutMs: config.shutdownTimeoutMs,
		logger: { level: config.logLevel },
	};
}

export function helpText(): string {
	return COMMAND.help({
		usage: 'smartflo-graphql [options]',
		about: `A GraphQL server for Tata Tele Business Smartflo: login and refresh for its tokens, and its data with the caller's
own token or an API key for the account the server holds.
Every option can also be set with the environment variable in brackets; flags win.
Rates are N/SECONDS (10/60) or with a unit (5/15m, 100/1h); a window may be at most ${MAX_WINDOW_TEXT}.`,
	});
}

function checkIntrospection(mode: IntrospectionMode, earlier: Partial<GraphQLServerSettings>): IntrospectionMode {
	const key = earlier.introspectionKey;
	if (mode === 'key' && (!key || key.length < MIN_INTROSPECTION_KEY_LENGTH)) {
		throw new ConfigError(`INTROSPECTION=key needs INTROSPECTION_KEY with at least ${MIN_INTROSPECTION_KEY_LENGTH} characters.`);
	}
	return mode;
}

/** The URL is never quoted back: it may hold the Redis password. */
function parseRedisUrl(raw: string, name: string, earlier: Partial<GraphQLServerSettings>): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(`${name} is not a URL such as redis://127.0.0.1:6379.`);
	}
	if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
		throw new ConfigError(`${name} must be a redis:// or rediss:// URL with a host.`);
	}
	if (!earlier.limitsSecret) {
		// A random secret per process gives every replica other keys: they would share nothing, silently.
		throw new ConfigError(
			`${name} needs LIMITS_HMAC_SECRET (at least ${MIN_LIMITS_SECRET_LENGTH} random characters; ${LIMITS_SECRET_ADVICE}), the same on every replica.`,
		);
	}
	return raw;
}

/** A Redis URL without its user and password, for the banner and the logs. */
export function redisLocation(raw: string): string {
	const url = new URL(raw);
	return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
}
