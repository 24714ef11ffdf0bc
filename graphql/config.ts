import { parseArgs } from 'node:util';

import { DEFAULT_BASE_URL, normalizeBaseUrl, SmartfloError } from '../src/auth';
import { DEFAULT_AUTH_GUARD_LIMITS } from './limits/auth-guard';
import type { RateLimit } from './limits/rate-limiter';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logging';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, type GraphQLServerOptions, type IntrospectionMode } from './options';

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
	loginFailuresPerEmail: RateLimit;
	operationsPerIp: RateLimit;
	rejectionCacheSeconds: number;
	refreshReuseSeconds: number;
	maxTrackedKeys: number;
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

/** One row per setting: the environment variable, the flag and the help text come from here. */
export interface SettingDoc {
	env?: string;
	flag: string;
	value?: string;
	defaultText: string;
	description: string;
}

const MIN_INTROSPECTION_KEY_LENGTH = 16;

export const SETTINGS: SettingDoc[] = [
	{ env: 'PORT', flag: '--port', value: '<n>', defaultText: '4000', description: 'Port to listen on (0 = any free port).' },
	{ env: 'HOST', flag: '--host', value: '<address>', defaultText: '127.0.0.1', description: 'Interface to bind; 0.0.0.0 for all (e.g. in a container).' },
	{ env: 'SMARTFLO_BASE_URL', flag: '--base-url', value: '<url>', defaultText: DEFAULT_BASE_URL, description: 'Smartflo API the server logs in to (ignored with --sandbox).' },
	{ env: 'NODE_ENV', flag: '--production', defaultText: 'development', description: 'NODE_ENV=production or --production: GraphiQL, landing page and introspection default to off. --development forces development.' },
	{ env: 'LOG_LEVEL', flag: '--log-level', value: `<${LOG_LEVELS.join('|')}>`, defaultText: 'info', description: 'JSON log lines on stdout; info has one line per GraphQL request.' },
	{ env: 'CORS_ORIGINS', flag: '--cors-origins', value: '<a,b>', defaultText: '(none)', description: 'Comma-separated browser origins allowed to call the API; no CORS headers at all when empty.' },
	{ env: 'INTROSPECTION', flag: '--introspection', value: '<on|off|key>', defaultText: 'on (dev), off (prod), key when INTROSPECTION_KEY is set', description: 'Schema introspection: allowed, refused, or allowed with the x-introspection-key header.' },
	{ env: 'INTROSPECTION_KEY', flag: '(env only)', defaultText: '(none)', description: `Secret for introspection "key" (at least ${MIN_INTROSPECTION_KEY_LENGTH} characters); env only, so it is not visible in the process list.` },
	{ env: 'GRAPHIQL', flag: '--graphiql', value: '<on|off>', defaultText: 'on (dev), off (prod)', description: 'The GraphiQL IDE at GET /graphql in a browser.' },
	{ env: 'TRUSTED_PROXIES', flag: '--trusted-proxies', value: '<n>', defaultText: '0', description: 'Proxies in front whose X-Forwarded-For is believed for the client IP; 0 ignores the header.' },
	{ env: 'LOGIN_LIMIT_PER_EMAIL', flag: '--login-limit-per-email', value: '<n/seconds>', defaultText: formatRate(DEFAULT_AUTH_GUARD_LIMITS.loginsPerEmail), description: 'Login attempts per normalised email.' },
	{ env: 'LOGIN_FAILURE_LIMIT_PER_EMAIL', flag: '--login-failure-limit-per-email', value: '<n/seconds>', defaultText: formatRate(DEFAULT_AUTH_GUARD_LIMITS.loginFailuresPerEmail), description: 'Logins Smartflo may reject per email before the server stops asking it.' },
	{ env: 'RATE_LIMIT_PER_IP', flag: '--rate-limit-per-ip', value: '<n/seconds>', defaultText: formatRate(DEFAULT_AUTH_GUARD_LIMITS.operationsPerIp), description: 'Login and refresh operations per client IP.' },
	{ env: 'REJECTION_CACHE_SECONDS', flag: '--rejection-cache-seconds', value: '<n>', defaultText: String(DEFAULT_AUTH_GUARD_LIMITS.rejectionCacheSeconds), description: 'A password Smartflo called wrong, or a rejected token, is answered from memory this long.' },
	{ env: 'REFRESH_REUSE_SECONDS', flag: '--refresh-reuse-seconds', value: '<n>', defaultText: String(DEFAULT_AUTH_GUARD_LIMITS.refreshReuseSeconds), description: 'A token refreshed this recently gets the same new token again (0 = off).' },
	{ env: 'RATE_LIMIT_MAX_KEYS', flag: '--rate-limit-max-keys', value: '<n>', defaultText: String(DEFAULT_AUTH_GUARD_LIMITS.maxTrackedKeys), description: 'Emails / IPs / cached rejections each limiter remembers at most.' },
	{ env: 'MAX_BODY_BYTES', flag: '--max-body-bytes', value: '<n>', defaultText: String(DEFAULT_MAX_REQUEST_BODY_BYTES), description: 'Larger request bodies get HTTP 413.' },
	{ env: 'SMARTFLO_TIMEOUT_MS', flag: '--smartflo-timeout-ms', value: '<n>', defaultText: '10000', description: 'Per attempt to reach Smartflo.' },
	{ env: 'SHUTDOWN_TIMEOUT_MS', flag: '--shutdown-timeout-ms', value: '<n>', defaultText: '10000', description: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish.' },
	{ env: 'SHUTDOWN_DRAIN_DELAY_MS', flag: '--shutdown-drain-delay-ms', value: '<n>', defaultText: '0', description: 'On SIGTERM, /ready answers 503 this long before the server stops accepting (load balancer drain).' },
	{ flag: '--sandbox', defaultText: 'off', description: 'Start the embedded Smartflo sandbox and use it (prints its demo account).' },
	{ flag: '--help', defaultText: '', description: 'Show this help.' },
];

const VALUED_FLAGS = SETTINGS.filter((setting) => setting.value && setting.flag.startsWith('--')).map((setting) => setting.flag.slice(2));

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
	let values: Record<string, string | boolean | undefined>;
	try {
		({ values } = parseArgs({
			args: [...argv],
			options: {
				...Object.fromEntries(VALUED_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
				production: { type: 'boolean' },
				development: { type: 'boolean' },
				sandbox: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
			strict: true,
			allowPositionals: false,
		}));
	} catch (error) {
		throw new ConfigError((error as Error).message);
	}
	if (values.help) return { kind: 'help' };

	const setting = (flag: string, envName?: string): string | undefined => {
		const fromFlag = values[flag];
		if (typeof fromFlag === 'string') return fromFlag.trim();
		const fromEnv = envName ? env[envName]?.trim() : undefined;
		return fromEnv === '' ? undefined : fromEnv;
	};

	if (values.production && values.development) throw new ConfigError('--production and --development exclude each other.');
	const production = values.development ? false : Boolean(values.production) || env.NODE_ENV === 'production';
	const introspectionKey = env.INTROSPECTION_KEY?.trim() || undefined;
	const introspection = parseIntrospection(setting('introspection', 'INTROSPECTION'), introspectionKey, production);
	const logLevel = setting('log-level', 'LOG_LEVEL') ?? 'info';
	if (!isLogLevel(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
	const limits = DEFAULT_AUTH_GUARD_LIMITS;

	return {
		kind: 'run',
		config: {
			port: integer('PORT / --port', setting('port', 'PORT'), 4000, 0, 65_535),
			host: setting('host', 'HOST') ?? '127.0.0.1',
			baseUrl: parseBaseUrl(setting('base-url', 'SMARTFLO_BASE_URL') ?? DEFAULT_BASE_URL),
			production,
			logLevel,
			corsOrigins: parseOrigins(setting('cors-origins', 'CORS_ORIGINS')),
			introspection,
			...(introspection === 'key' ? { introspectionKey } : {}),
			graphiql: onOff('GRAPHIQL / --graphiql', setting('graphiql', 'GRAPHIQL'), !production),
			trustedProxies: integer('TRUSTED_PROXIES / --trusted-proxies', setting('trusted-proxies', 'TRUSTED_PROXIES'), 0, 0, 10),
			loginsPerEmail: rate('LOGIN_LIMIT_PER_EMAIL', setting('login-limit-per-email', 'LOGIN_LIMIT_PER_EMAIL'), limits.loginsPerEmail),
			loginFailuresPerEmail: rate('LOGIN_FAILURE_LIMIT_PER_EMAIL', setting('login-failure-limit-per-email', 'LOGIN_FAILURE_LIMIT_PER_EMAIL'), limits.loginFailuresPerEmail),
			operationsPerIp: rate('RATE_LIMIT_PER_IP', setting('rate-limit-per-ip', 'RATE_LIMIT_PER_IP'), limits.operationsPerIp),
			rejectionCacheSeconds: integer('REJECTION_CACHE_SECONDS', setting('rejection-cache-seconds', 'REJECTION_CACHE_SECONDS'), limits.rejectionCacheSeconds, 0, 86_400),
			refreshReuseSeconds: integer('REFRESH_REUSE_SECONDS', setting('refresh-reuse-seconds', 'REFRESH_REUSE_SECONDS'), limits.refreshReuseSeconds, 0, 3_600),
			maxTrackedKeys: integer('RATE_LIMIT_MAX_KEYS', setting('rate-limit-max-keys', 'RATE_LIMIT_MAX_KEYS'), limits.maxTrackedKeys, 100, 10_000_000),
			maxRequestBodyBytes: integer('MAX_BODY_BYTES', setting('max-body-bytes', 'MAX_BODY_BYTES'), DEFAULT_MAX_REQUEST_BODY_BYTES, 1_024, 10_000_000),
			upstreamTimeoutMs: integer('SMARTFLO_TIMEOUT_MS', setting('smartflo-timeout-ms', 'SMARTFLO_TIMEOUT_MS'), 10_000, 100, 120_000),
			shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', setting('shutdown-timeout-ms', 'SHUTDOWN_TIMEOUT_MS'), 10_000, 0, 600_000),
			drainDelayMs: integer('SHUTDOWN_DRAIN_DELAY_MS', setting('shutdown-drain-delay-ms', 'SHUTDOWN_DRAIN_DELAY_MS'), 0, 0, 600_000),
			sandbox: Boolean(values.sandbox),
		},
	};
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
			loginFailuresPerEmail: config.loginFailuresPerEmail,
			operationsPerIp: config.operationsPerIp,
			rejectionCacheSeconds: config.rejectionCacheSeconds,
			refreshReuseSeconds: config.refreshReuseSeconds,
			maxTrackedKeys: config.maxTrackedKeys,
		},
		maxRequestBodyBytes: config.maxRequestBodyBytes,
		upstreamTimeoutMs: config.upstreamTimeoutMs,
		upstreamCloseTimeoutMs: config.shutdownTimeoutMs,
		logger: { level: config.logLevel },
	};
}

export function helpText(): string {
	const rows = SETTINGS.map((s) => {
		const left = `  ${s.flag}${s.value ? ` ${s.value}` : ''}`;
		const env = s.env ? `[${s.env}] ` : '';
		const fallback = s.defaultText ? ` Default: ${s.defaultText}.` : '';
		return `${left}\n      ${env}${s.description}${fallback}`;
	});
	return `Usage: smartflo-graphql [options]

A GraphQL server with login and refresh mutations for Tata Tele Business Smartflo tokens.
Every option can also be set with the environment variable in brackets; flags win.

Options:
${rows.join('\n')}
`;
}

function parseIntrospection(raw: string | undefined, key: string | undefined, production: boolean): IntrospectionMode {
	const mode = raw ?? (key ? 'key' : production ? 'off' : 'on');
	if (mode !== 'on' && mode !== 'off' && mode !== 'key') throw new ConfigError('INTROSPECTION must be on, off or key.');
	if (mode === 'key' && (!key || key.length < MIN_INTROSPECTION_KEY_LENGTH)) {
		throw new ConfigError(`INTROSPECTION=key needs INTROSPECTION_KEY with at least ${MIN_INTROSPECTION_KEY_LENGTH} characters.`);
	}
	return mode;
}

function parseBaseUrl(raw: string): string {
	try {
		return normalizeBaseUrl(raw);
	} catch (error) {
		if (error instanceof SmartfloError) throw new ConfigError(`SMARTFLO_BASE_URL: ${error.message}`);
		throw error;
	}
}

function parseOrigins(raw: string | undefined): string[] {
	const origins = (raw ?? '')
		.split(',')
		.map((origin) => origin.trim())
		.filter(Boolean);
	for (const origin of origins) {
		let parsed: URL;
		try {
			parsed = new URL(origin);
		} catch {
			throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.com.`);
		}
		if (parsed.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`CORS_ORIGINS: "${origin}" must be an origin only (scheme, host, port).`);
	}
	return origins.map((origin) => origin.replace(/\/$/, ''));
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
	if (raw === undefined) return fallback;
	if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
	const value = Number(raw);
	if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`);
	return value;
}

function onOff(name: string, raw: string | undefined, fallback: boolean): boolean {
	if (raw === undefined) return fallback;
	if (/^(on|true|1|yes)$/i.test(raw)) return true;
	if (/^(off|false|0|no)$/i.test(raw)) return false;
	throw new ConfigError(`${name} must be on or off, got "${raw}".`);
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** "10/60" = 10 per 60 seconds; "5/15m" = 5 per 15 minutes. */
function rate(name: string, raw: string | undefined, fallback: RateLimit): RateLimit {
	if (raw === undefined) return fallback;
	const match = /^(\d+)\s*\/\s*(\d+)\s*([smh]?)$/.exec(raw);
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
		throw new ConfigError(`${name} must look like 10/60 (10 per 60 seconds) or 5/15m, got "${raw}".`);
	}
	return { limit: Number(match[1]), windowSeconds: Number(match[2]) * UNIT_SECONDS[match[3]] };
}

function formatRate(limit: RateLimit): string {
	return `${limit.limit}/${limit.windowSeconds}`;
}
