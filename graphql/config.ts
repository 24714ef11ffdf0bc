import { parseArgs, type ParseArgsConfig } from 'node:util';

import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, normalizeBaseUrl, SmartfloError } from '../src/auth';
import { DEFAULT_AUTH_GUARD_LIMITS } from './limits/auth-guard';
import { LIMITS_SECRET_ADVICE, limitsSecretProblem, MIN_LIMITS_SECRET_LENGTH } from './limits/limits-secret';
import { MAX_WINDOW_TEXT, rateLimitProblem, type RateLimit } from './limits/rate-limiter';
import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, DEFAULT_REDIS_KEY_PREFIX } from './limits/redis-store';
import type { RedisOutagePolicy } from './limits/state-store';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logging';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_SHUTDOWN_TIMEOUT_MS, type GraphQLServerOptions, type IntrospectionMode } from './options';

export interface CliConfig {
	port: number;
	host: string;
	baseUrl: string;
	production: boolean;
	logLevel: LogLevel;
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
	upstreamTimeoutMs: number;
	shutdownTimeoutMs: number;
	drainDelayMs: number;
	sandbox: boolean;
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; config: CliConfig };

export class ConfigError extends Error {
	override readonly name = 'ConfigError';
}

/** `name` says where the value came from, for messages: e.g. "PORT / --port". */
type Parse<T> = (raw: string, name: string, earlier: Partial<CliConfig>) => T;

/**
 * One setting, declared once: its flag, environment variable, default, parser and help all come
 * from here, and parsing, --help and graphql/README.md#configuration are all driven by the table below.
 */
export interface Setting<T> {
	/** Long flag, e.g. "--port"; absent for a setting read from the environment only. */
	flag?: string;
	/** A flag that forces a boolean setting off, e.g. "--development". */
	offFlag?: string;
	env?: string;
	/** Placeholder of a flag's value in --help, e.g. "<n>"; absent for a flag that takes none (a switch). */
	value?: string;
	description: string;
	/** The default as --help and graphql/README.md#configuration show it. */
	defaultText: string;
	/** Settings earlier in the table are already parsed (production mode decides several defaults). */
	default: (earlier: Partial<CliConfig>) => T;
	/** Turns a flag's value or the environment variable into the setting (a switch's flag is the value itself). */
	parse: Parse<T>;
}

const MIN_INTROSPECTION_KEY_LENGTH = 16;
const MAX_TRUSTED_PROXIES = 10;
const DEFAULT_PORT = 4000;
const DEFAULT_HOST = '127.0.0.1';
const limits = DEFAULT_AUTH_GUARD_LIMITS;

/** Every CliConfig field, in --help order; typed so that a field without a setting fails the build. */
const TABLE: { [K in keyof Required<CliConfig>]: Setting<CliConfig[K]> } = {
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
	baseUrl: {
		flag: '--base-url',
		env: 'SMARTFLO_BASE_URL',
		value: '<url>',
		description: 'Smartflo API the server logs in to (ignored with --sandbox).',
		defaultText: DEFAULT_BASE_URL,
		default: () => DEFAULT_BASE_URL,
		parse: parseBaseUrl,
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
	logLevel: {
		flag: '--log-level',
		env: 'LOG_LEVEL',
		value: `<${LOG_LEVELS.join('|')}>`,
		description: 'JSON log lines on stdout; info has one line per GraphQL request.',
		defaultText: 'info',
		default: () => 'info',
		parse: (raw, name) => {
			if (!isLogLevel(raw)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}.`);
			return raw;
		},
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
			"While Redis is unreachable: refuse logins and refreshes (RATE_LIMITED, /ready 503), or serve with this process's own limits.",
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
	upstreamTimeoutMs: {
		flag: '--smartflo-timeout-ms',
		env: 'SMARTFLO_TIMEOUT_MS',
		value: '<n>',
		description: 'Per attempt to reach Smartflo.',
		...integerSetting(DEFAULT_TIMEOUT_MS, 100, 120_000),
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
	sandbox: {
		flag: '--sandbox',
		description: 'Start the embedded Smartflo sandbox and use it (prints its demo account).',
		defaultText: 'off',
		default: () => false,
		parse: parseOnOff,
	},
};

/** A row of the settings table, with the CliConfig field it sets. */
export type SettingRow = Setting<unknown> & { key: keyof CliConfig };

/** The settings in --help order. */
export const SETTINGS: readonly SettingRow[] = Object.entries(TABLE).map(([key, setting]) => ({
	key: key as keyof CliConfig,
	...(setting as Setting<unknown>),
}));

/** Not a setting, but a row of --help and of graphql/README.md#configuration. */
export const HELP_FLAG: Pick<SettingRow, 'flag' | 'env' | 'value' | 'description' | 'defaultText'> = {
	flag: '--help',
	description: 'Show this help.',
	defaultText: '',
};

const flagName = (flag: string) => flag.slice(2);

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
	const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
	for (const setting of SETTINGS) {
		if (setting.flag) options[flagName(setting.flag)] = { type: setting.value ? 'string' : 'boolean' };
		if (setting.offFlag) options[flagName(setting.offFlag)] = { type: 'boolean' };
	}
	let values: Record<string, string | boolean | undefined>;
	try {
		values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as typeof values;
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	if (values.help) return { kind: 'help' };

	const config: Partial<Record<keyof CliConfig, unknown>> = {};
	for (const setting of SETTINGS) {
		const name = [setting.env, setting.flag].filter(Boolean).join(' / ');
		const given = setting.flag ? values[flagName(setting.flag)] : undefined;
		const forcedOff = setting.offFlag ? values[flagName(setting.offFlag)] === true : false;
		if (given && forcedOff) throw new ConfigError(`${setting.flag} and ${setting.offFlag} exclude each other.`);
		const earlier = config as Partial<CliConfig>;
		if (forcedOff || given === true) {
			// A switch: the flag itself is the value.
			config[setting.key] = !forcedOff;
			continue;
		}
		const raw = typeof given === 'string' ? given.trim() : fromEnv(env, setting.env);
		config[setting.key] = raw === undefined ? setting.default(earlier) : setting.parse(raw, name, earlier);
	}
	const parsed = config as CliConfig;
	// The secret is kept only where it is used.
	if (parsed.introspection !== 'key') delete parsed.introspectionKey;
	return { kind: 'run', config: parsed };
}

function fromEnv(env: NodeJS.ProcessEnv, name: string | undefined): string | undefined {
	const value = name ? env[name]?.trim() : undefined;
	return value === '' ? undefined : value;
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
	const rows = [...SETTINGS, HELP_FLAG].map((setting) => {
		const env = setting.env ? `[${setting.env}] ` : '';
		const left = `  ${setting.flag ?? '(env only)'}${setting.value ? ` ${setting.value}` : ''}`;
		const fallback = setting.defaultText ? ` Default: ${setting.defaultText}.` : '';
		return `${left}\n      ${env}${setting.description}${fallback}`;
	});
	return `Usage: smartflo-graphql [options]

A GraphQL server with login and refresh mutations for Tata Tele Business Smartflo tokens.
Every option can also be set with the environment variable in brackets; flags win.
Rates are N/SECONDS (10/60) or with a unit (5/15m, 100/1h); a window may be at most ${MAX_WINDOW_TEXT}.

Options:
${rows.join('\n')}
`;
}

function checkIntrospection(mode: IntrospectionMode, earlier: Partial<CliConfig>): IntrospectionMode {
	const key = earlier.introspectionKey;
	if (mode === 'key' && (!key || key.length < MIN_INTROSPECTION_KEY_LENGTH)) {
		throw new ConfigError(`INTROSPECTION=key needs INTROSPECTION_KEY with at least ${MIN_INTROSPECTION_KEY_LENGTH} characters.`);
	}
	return mode;
}

function parseBaseUrl(raw: string, name: string): string {
	try {
		return normalizeBaseUrl(raw);
	} catch (error) {
		if (error instanceof SmartfloError) throw new ConfigError(`${name}: ${error.message}`);
		throw error;
	}
}

/** The URL is never quoted back: it may hold the Redis password. */
function parseRedisUrl(raw: string, name: string, earlier: Partial<CliConfig>): string {
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

function parseOrigins(raw: string, name: string): string[] {
	const origins = raw
		.split(',')
		.map((origin) => origin.trim())
		.filter(Boolean);
	for (const origin of origins) {
		let parsed: URL;
		try {
			parsed = new URL(origin);
		} catch {
			throw new ConfigError(`${name}: "${origin}" is not an origin such as https://app.example.com.`);
		}
		if (parsed.origin !== origin.replace(/\/$/, ''))
			throw new ConfigError(`${name}: "${origin}" must be an origin only (scheme, host, port).`);
	}
	return origins.map((origin) => origin.replace(/\/$/, ''));
}

/** A whole number between `min` and `max`. */
function integerSetting(fallback: number, min: number, max: number): Pick<Setting<number>, 'defaultText' | 'default' | 'parse'> {
	return {
		defaultText: String(fallback),
		default: () => fallback,
		parse: (raw, name) => {
			if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
			const value = Number(raw);
			if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`);
			return value;
		},
	};
}

function parseOnOff(raw: string, name: string): boolean {
	if (/^(on|true|1|yes)$/i.test(raw)) return true;
	if (/^(off|false|0|no)$/i.test(raw)) return false;
	throw new ConfigError(`${name} must be on or off, got "${raw}".`);
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** "10/60" = 10 per 60 seconds; "5/15m" = 5 per 15 minutes. */
function rateSetting(fallback: RateLimit): Pick<Setting<RateLimit>, 'value' | 'defaultText' | 'default' | 'parse'> {
	return {
		value: '<n/seconds>',
		defaultText: `${fallback.limit}/${fallback.windowSeconds}`,
		default: () => fallback,
		parse: (raw, name) => {
			const match = /^(\d+)\s*\/\s*(\d+)\s*([smh]?)$/.exec(raw);
			if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
				throw new ConfigError(`${name} must look like 10/60 (10 per 60 seconds) or 5/15m, got "${raw}".`);
			}
			const rate = { limit: Number(match[1]), windowSeconds: Number(match[2]) * UNIT_SECONDS[match[3]] };
			const problem = rateLimitProblem(rate);
			if (problem) throw new ConfigError(`${name} ${problem}.`);
			return rate;
		},
	};
}
