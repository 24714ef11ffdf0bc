import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { main } from '../../graphql/command';
import {
	ConfigError,
	HELP_FLAG,
	helpText,
	parseCli,
	redisLocation,
	serverOptionsFrom,
	SETTINGS,
	type CliConfig,
} from '../../graphql/config';
import { createGraphQLServer } from '../../graphql/server';
import { DEFAULT_BASE_URL } from '../../src/auth';
import { DEMO_ACCOUNT } from '../../sandbox/index';
import { LOGIN_MUTATION, postOverHttp } from '../helpers/graphql';

function config(argv: string[] = [], env: NodeJS.ProcessEnv = {}): CliConfig {
	const command = parseCli(argv, env);
	if (command.kind !== 'run') throw new Error('expected a run command');
	return command.config;
}

describe('configuration from env and flags', () => {
	it('has safe defaults: loopback, development, no CORS', () => {
		expect(config()).toMatchObject({
			port: 4000,
			host: '127.0.0.1',
			baseUrl: DEFAULT_BASE_URL,
			production: false,
			logLevel: 'info',
			corsOrigins: [],
			introspection: 'on',
			graphiql: true,
			trustedProxies: 0,
			loginsPerEmail: { limit: 10, windowSeconds: 60 },
			lockoutBudgetPerEmail: { limit: 5, windowSeconds: 900 },
			operationsPerIp: { limit: 60, windowSeconds: 60 },
			maxRequestBodyBytes: 65536,
			sandbox: false,
		});
	});

	it('switches GraphiQL and introspection off in production', () => {
		expect(config([], { NODE_ENV: 'production' })).toMatchObject({ production: true, introspection: 'off', graphiql: false });
		expect(config(['--production'])).toMatchObject({ production: true, introspection: 'off', graphiql: false });
		expect(config(['--development'], { NODE_ENV: 'production' }).production).toBe(false);
	});

	it('gates introspection with a key when INTROSPECTION_KEY is set', () => {
		const withKey = config([], { NODE_ENV: 'production', INTROSPECTION_KEY: 'a-long-enough-key-123' });
		expect(withKey).toMatchObject({ introspection: 'key', introspectionKey: 'a-long-enough-key-123' });
		expect(config(['--introspection', 'on'], { INTROSPECTION_KEY: 'a-long-enough-key-123' }).introspection).toBe('on');
	});

	it('reads every setting from env, with flags taking precedence', () => {
		const env = {
			PORT: '8080',
			HOST: '0.0.0.0',
			SMARTFLO_BASE_URL: 'https://smartflo.internal/v1/',
			LOG_LEVEL: 'warn',
			CORS_ORIGINS: 'https://app.example.com, https://tools.example.com/',
			GRAPHIQL: 'off',
			TRUSTED_PROXIES: '1',
			LOGIN_LIMIT_PER_EMAIL: '20/1m',
			LOGIN_FAILURE_LIMIT_PER_EMAIL: '3/1h',
			RATE_LIMIT_PER_IP: '100/60',
			REJECTION_CACHE_SECONDS: '60',
			REFRESH_REUSE_SECONDS: '0',
			RATE_LIMIT_MAX_KEYS: '5000',
			MAX_BODY_BYTES: '16384',
			SMARTFLO_TIMEOUT_MS: '3000',
			SHUTDOWN_TIMEOUT_MS: '2000',
			SHUTDOWN_DRAIN_DELAY_MS: '500',
		};
		expect(config([], env)).toMatchObject({
			port: 8080,
			host: '0.0.0.0',
			baseUrl: 'https://smartflo.internal',
			logLevel: 'warn',
			corsOrigins: ['https://app.example.com', 'https://tools.example.com'],
			graphiql: false,
			trustedProxies: 1,
			loginsPerEmail: { limit: 20, windowSeconds: 60 },
			lockoutBudgetPerEmail: { limit: 3, windowSeconds: 3600 },
			operationsPerIp: { limit: 100, windowSeconds: 60 },
			rejectionCacheSeconds: 60,
			refreshReuseSeconds: 0,
			maxTrackedKeys: 5000,
			maxRequestBodyBytes: 16384,
			upstreamTimeoutMs: 3000,
			shutdownTimeoutMs: 2000,
			drainDelayMs: 500,
		});
		expect(config(['--port=9090', '--log-level', 'debug', '--graphiql', 'on'], env)).toMatchObject({
			port: 9090,
			logLevel: 'debug',
			graphiql: true,
		});
	});

	it.each([
		[['--port', '70000'], {}, /PORT/],
		[['--port', 'abc'], {}, /whole number/],
		[[], { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
		[[], { LOGIN_LIMIT_PER_EMAIL: '10 per minute' }, /LOGIN_LIMIT_PER_EMAIL/],
		[['--introspection', 'key'], {}, /INTROSPECTION_KEY/],
		[[], { INTROSPECTION_KEY: 'short' }, /at least 16/],
		[[], { CORS_ORIGINS: 'https://app.example.com/path' }, /origin only/],
		[[], { CORS_ORIGINS: '*' }, /CORS_ORIGINS/],
		[[], { SMARTFLO_BASE_URL: 'ftp://x' }, /SMARTFLO_BASE_URL/],
		[['--production', '--development'], {}, /exclude/],
		[['--no-such-flag'], {}, /Unknown option/],
	])('refuses %j %j', (argv, env, message) => {
		expect(() => parseCli(argv, env)).toThrow(ConfigError);
		expect(() => parseCli(argv, env)).toThrow(message);
	});

	it('documents every environment variable, flag and default in --help', () => {
		expect(parseCli(['--help'])).toEqual({ kind: 'help' });
		expect(parseCli(['-h'])).toEqual({ kind: 'help' });
		const help = helpText();
		for (const setting of [...SETTINGS, HELP_FLAG]) {
			if (setting.env) expect(help).toContain(`[${setting.env}] ${setting.description}`);
			expect(help).toContain(setting.flag ?? '(env only)');
			if (setting.defaultText) expect(help).toContain(`${setting.description} Default: ${setting.defaultText}.`);
		}
	});

	it('has one setting per configuration field, and each default is what parsing gives', () => {
		const defaults = config();
		expect(SETTINGS.map((setting) => setting.key).sort()).toEqual([...Object.keys(defaults), 'introspectionKey'].sort());
		expect(new Set(SETTINGS.flatMap((setting) => [setting.flag, setting.offFlag, setting.env].filter(Boolean))).size).toBe(
			SETTINGS.flatMap((setting) => [setting.flag, setting.offFlag, setting.env].filter(Boolean)).length,
		);
		for (const setting of SETTINGS) {
			if (!/^[\d/]+$/.test(setting.defaultText)) continue;
			const shown = defaults[setting.key] as number | { limit: number; windowSeconds: number };
			expect(typeof shown === 'number' ? String(shown) : `${shown.limit}/${shown.windowSeconds}`).toBe(setting.defaultText);
		}
	});

	it('keeps switches, their opposite and the secret as before', () => {
		expect(config(['--sandbox']).sandbox).toBe(true);
		expect(config([], { NODE_ENV: 'development' }).production).toBe(false);
		expect(config([], { NODE_ENV: 'test' }).production).toBe(false);
		expect(config(['--development']).production).toBe(false);
		expect(config(['--introspection', 'off'], { INTROSPECTION_KEY: 'a-long-enough-key-123' })).not.toHaveProperty('introspectionKey');
		expect(config([], { PORT: '   ', HOST: '' })).toMatchObject({ port: 4000, host: '127.0.0.1' });
		expect(() => parseCli(['--sandbox=yes'], {})).toThrow(ConfigError);
		expect(() => parseCli(['--port'], {})).toThrow(ConfigError);
		expect(() => parseCli(['extra'], {})).toThrow(ConfigError);
	});

	describe('shared state in Redis', () => {
		const secret = 'a-limits-secret-of-at-least-32-characters';

		it('is off by default: limits in this process, a random secret, fail-closed if ever turned on', () => {
			expect(config()).toMatchObject({ redisKeyPrefix: 'smartflo-graphql', redisOutage: 'fail-closed', redisTimeoutMs: 1000 });
			expect(config().redisUrl).toBeUndefined();
			expect(config().limitsSecret).toBeUndefined();
		});

		it('reads REDIS_URL, LIMITS_HMAC_SECRET and the Redis options, and passes them to the server', async () => {
			const env = {
				REDIS_URL: 'rediss://user:pw@redis.internal:6380/2',
				LIMITS_HMAC_SECRET: secret,
				REDIS_KEY_PREFIX: 'sf:prod',
				REDIS_OUTAGE: 'memory',
				REDIS_TIMEOUT_MS: '250',
			};
			const parsed = config([], env);
			expect(parsed).toMatchObject({
				redisUrl: env.REDIS_URL,
				limitsSecret: secret,
				redisKeyPrefix: 'sf:prod',
				redisOutage: 'memory',
				redisTimeoutMs: 250,
			});
			expect(serverOptionsFrom(parsed)).toMatchObject({
				limitsSecret: secret,
				redis: { url: env.REDIS_URL, keyPrefix: 'sf:prod', outage: 'memory', commandTimeoutMs: 250 },
			});
			expect(serverOptionsFrom(config()).redis).toBeUndefined();
			expect(config(['--redis-url', 'redis://127.0.0.1:6379', '--redis-outage', 'fail-closed'], env)).toMatchObject({
				redisUrl: 'redis://127.0.0.1:6379',
				redisOutage: 'fail-closed',
			});
		});

		it('refuses REDIS_URL without LIMITS_HMAC_SECRET: replicas with random secrets would share nothing', () => {
			expect(() => parseCli([], { REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
				/REDIS_URL \/ --redis-url needs LIMITS_HMAC_SECRET .* the same on every replica/,
			);
			expect(() => parseCli([], { LIMITS_HMAC_SECRET: 'short' })).toThrow(/LIMITS_HMAC_SECRET must have at least 32 characters/);
		});

		describe('LIMITS_HMAC_SECRET must be hard to guess', () => {
			const refusal = (secret: string) => {
				try {
					parseCli([], { LIMITS_HMAC_SECRET: secret });
				} catch (error) {
					expect(error).toBeInstanceOf(ConfigError);
					return (error as Error).message;
				}
				return undefined;
			};

			it.each([
				['32 × a', 'a'.repeat(32), 0],
				['64 × a', 'a'.repeat(64), 0],
				['two letters in turn', 'ab'.repeat(16), 4],
				['a word four times', 'abcdefgh'.repeat(4), 30],
				['a password four times', 'Password1'.repeat(4), 33],
				['two halves alike', '0123456789abcdef'.repeat(2), 72],
				['8 different characters, no run of three repeated', '04207442375622251106300355631221', 96],
			])('refuses %s, saying how to make a good one and never quoting it', (_case, secret, bits) => {
				const message = refusal(secret);
				expect(message).toBe(
					`LIMITS_HMAC_SECRET is too easy to guess: it repeats itself or uses too few different characters (${bits} bits counted, at least 100 needed); make one with \`openssl rand -base64 48\`.`,
				);
				expect(message).not.toContain(secret.slice(0, 8));
			});

			it('refuses 31 random characters for their length, with the same advice', () => {
				expect(refusal(randomBytes(48).toString('base64').slice(0, 31))).toBe(
					'LIMITS_HMAC_SECRET must have at least 32 characters of random text; make one with `openssl rand -base64 48`.',
				);
			});

			it.each([
				['9 different characters, no run of three repeated (101 bits)', '17324027304176071184267656440477'],
				['32 random hex digits (openssl rand -hex 16)', 'c0f1e2a9b83d47565a1e0f9c2b7d4e38'],
				['a random UUID', '0b6f6e0e-4a5c-4f3a-9d1e-7c2b8a5f3e19'],
				['openssl rand -base64 32', randomBytes(32).toString('base64')],
				['openssl rand -base64 48', randomBytes(48).toString('base64')],
				['openssl rand -hex 32', randomBytes(32).toString('hex')],
				['a long phrase-like secret', secret],
			])('accepts %s', (_case, secret) => {
				expect(refusal(secret)).toBeUndefined();
			});

			it('a library user gets the same refusal from createGraphQLServer', () => {
				expect(() => createGraphQLServer({ limitsSecret: 'a'.repeat(32), logger: { level: 'silent' } })).toThrow(
					new TypeError(
						'limitsSecret is too easy to guess: it repeats itself or uses too few different characters (0 bits counted, at least 100 needed); make one with `openssl rand -base64 48`.',
					),
				);
			});
		});

		it.each([
			['not a URL', 'redis:// not a url:pw@'],
			['another scheme', 'http://user:hunter2@redis.internal:6379'],
			['no host', 'redis://:hunter2@'],
		])('refuses %s without quoting it (it may hold the password)', (_case, url) => {
			let message = '';
			try {
				parseCli([], { REDIS_URL: url, LIMITS_HMAC_SECRET: secret });
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message).toMatch(/^REDIS_URL \/ --redis-url /);
			expect(message).not.toContain('hunter2');
			expect(message).not.toContain(url);
		});

		it('refuses a bad prefix, outage policy or timeout', () => {
			const env = { REDIS_URL: 'redis://127.0.0.1:6379', LIMITS_HMAC_SECRET: secret };
			expect(() => parseCli(['--redis-key-prefix', 'has space'], env)).toThrow(ConfigError);
			expect(() => parseCli(['--redis-outage', 'open'], env)).toThrow(/fail-closed or memory/);
			expect(() => parseCli(['--redis-timeout-ms', '0'], env)).toThrow(/between 10 and 60000/);
		});

		it('shows where the state lives without the Redis password', () => {
			expect(redisLocation('rediss://user:hunter2@redis.internal:6380/2')).toBe('rediss://redis.internal:6380/2');
			expect(redisLocation('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
		});

		it('a library user gets the same refusal from createGraphQLServer', () => {
			expect(() => createGraphQLServer({ redis: { url: 'redis://127.0.0.1:1' }, logger: { level: 'silent' } })).toThrow(
				/redis needs limitsSecret/,
			);
			expect(() => createGraphQLServer({ limitsSecret: 'short', logger: { level: 'silent' } })).toThrow(/at least 32 characters/);
		});
	});

	describe('limit windows the stores cannot hold', () => {
		const MAX_WINDOW_SECONDS = 24 * 24 * 3600;

		it.each([
			['LOGIN_FAILURE_LIMIT_PER_EMAIL', '--login-failure-limit-per-email', '5/597h', 597 * 3600],
			['LOGIN_LIMIT_PER_EMAIL', '--login-limit-per-email', `10/${MAX_WINDOW_SECONDS + 1}`, MAX_WINDOW_SECONDS + 1],
			['RATE_LIMIT_PER_IP', '--rate-limit-per-ip', '60/34561m', 34_561 * 60],
			['RATE_LIMIT_PER_IP', '--rate-limit-per-ip', '60/99999999999999999999h', Number('99999999999999999999') * 3600],
		])('%s / %s %s is refused, naming the setting and the maximum', (env, flag, raw, seconds) => {
			const message = `${env} / ${flag} may have a window of at most 24 days (576h, ${MAX_WINDOW_SECONDS} s), got ${seconds} s.`;
			expect(() => parseCli([], { [env]: raw })).toThrow(new ConfigError(message));
			expect(() => parseCli([flag, raw], {})).toThrow(new ConfigError(message));
		});

		it('accepts the maximum, 24 days, in each unit, and --help says what it is', () => {
			for (const raw of ['5/576h', '5/34560m', `5/${MAX_WINDOW_SECONDS}s`, `5/${MAX_WINDOW_SECONDS}`]) {
				expect(config([], { LOGIN_FAILURE_LIMIT_PER_EMAIL: raw }).lockoutBudgetPerEmail).toEqual({
					limit: 5,
					windowSeconds: MAX_WINDOW_SECONDS,
				});
			}
			expect(helpText()).toContain('a window may be at most 24 days (576h, 2073600 s)');
		});

		it('the command stops at start with exit code 2 and the message, before listening', async () => {
			let errors = '';
			const exits: number[] = [];
			const started = await main(['--port', '0'], {
				env: { LOGIN_FAILURE_LIMIT_PER_EMAIL: '5/597h' },
				printError: (text) => (errors += text),
				exit: (code) => exits.push(code),
			});
			await started?.stop();
			expect(started).toBeUndefined();
			expect(exits).toEqual([2]);
			expect(errors).toMatch(
				/^smartflo-graphql: LOGIN_FAILURE_LIMIT_PER_EMAIL \/ --login-failure-limit-per-email may have a window of at most 24 days/,
			);
		});

		it('a library user gets the same refusal from createGraphQLServer, naming the option', () => {
			const server = (limits: object) => () => createGraphQLServer({ limits, logger: { level: 'silent' } });
			expect(server({ lockoutBudgetPerEmail: { limit: 5, windowSeconds: 597 * 3600 } })).toThrow(
				new TypeError(`limits.lockoutBudgetPerEmail may have a window of at most 24 days (576h, ${MAX_WINDOW_SECONDS} s), got 2149200 s.`),
			);
			expect(server({ operationsPerIp: { limit: 60, windowSeconds: 1e20 } })).toThrow(
				/^limits\.operationsPerIp may have a window of at most 24 days/,
			);
			expect(server({ loginsPerEmail: { limit: 10, windowSeconds: 0.5 } })).toThrow(
				/^limits\.loginsPerEmail must have a window of a whole number of seconds/,
			);
			expect(server({ loginsPerEmail: { limit: 0, windowSeconds: 60 } })).toThrow(
				/^limits\.loginsPerEmail must allow a whole number of events/,
			);
			expect(server({ rejectionCacheSeconds: MAX_WINDOW_SECONDS + 1 })).toThrow(
				/^limits\.rejectionCacheSeconds must be a whole number from 0 to 2073600/,
			);
			expect(server({ refreshReuseSeconds: -1 })).toThrow(/^limits\.refreshReuseSeconds must be a whole number from 0/);
			expect(server({ maxTrackedKeys: Number.NaN })).toThrow(/^limits\.maxTrackedKeys must be a whole number from 1/);
			// The name the lockout budget had before: refused rather than silently ignored.
			expect(server({ loginFailuresPerEmail: { limit: 3, windowSeconds: 3600 } })).toThrow(
				/^limits\.loginFailuresPerEmail is not a limit; the limits are loginsPerEmail, lockoutBudgetPerEmail, /,
			);
		});

		it('createGraphQLServer accepts the maximum for every window and time to live', async () => {
			const window = { limit: 5, windowSeconds: MAX_WINDOW_SECONDS };
			const server = createGraphQLServer({
				limits: {
					loginsPerEmail: window,
					lockoutBudgetPerEmail: window,
					operationsPerIp: window,
					rejectionCacheSeconds: MAX_WINDOW_SECONDS,
					refreshReuseSeconds: MAX_WINDOW_SECONDS,
				},
				logger: { level: 'silent' },
			});
			expect(server.authGuard.limits.lockoutBudgetPerEmail).toEqual(window);
			await server.dispose();
		});
	});

	it("the package README's configuration table is the settings table", () => {
		const readme = readFileSync(resolve(__dirname, '../../graphql/README.md'), 'utf8');
		const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;
		const rows = [...SETTINGS, HELP_FLAG].map((setting) => {
			const env = setting.env ? code(setting.env) : '—';
			const flag = code(setting.flag ? `${setting.flag}${setting.value ? ` ${setting.value}` : ''}` : '(env only)');
			return `| ${env} | ${flag} | ${setting.defaultText || '—'} | ${setting.description} |`;
		});
		const below = readme.slice(readme.indexOf('| Environment variable | Flag | Default | What it does |')).split('\n').slice(2);
		expect(
			below.slice(
				0,
				below.findIndex((line) => !line.startsWith('|')),
			),
		).toEqual(rows);
	});
});

describe('the smartflo-graphql command', () => {
	it('--sandbox starts the embedded sandbox, prints the demo account and serves a working login', async () => {
		let printed = '';
		const signals = new EventEmitter();
		const exits: number[] = [];
		const started = await main(['--sandbox', '--port', '0', '--log-level', 'silent'], {
			env: {},
			print: (text) => (printed += text),
			signals: signals as unknown as NodeJS.Process,
			exit: (code) => exits.push(code),
		});
		expect(started?.sandbox).toBeDefined();
		expect(printed).toContain(`${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`);
		expect(printed).toContain(`GraphiQL          ${started!.running.url}/graphql`);

		const reply = await postOverHttp(started!.running.url, LOGIN_MUTATION, DEMO_ACCOUNT);
		expect(reply.body.data.login.ok).toBe(true);

		signals.emit('SIGTERM');
		await started!.stop();
		await new Promise((resolve) => setImmediate(resolve));
		expect(exits).toEqual([0]);
		expect(started!.running.server.listening).toBe(false);
	});

	it('prints help and exits without starting anything', async () => {
		let printed = '';
		expect(await main(['--help'], { print: (text) => (printed += text) })).toBeUndefined();
		expect(printed).toContain('Usage: smartflo-graphql');
	});

	it('reports a configuration error with exit code 2', async () => {
		let errors = '';
		const exits: number[] = [];
		await main(['--port', 'nope'], { env: {}, printError: (text) => (errors += text), exit: (code) => exits.push(code) });
		expect(errors).toMatch(/PORT/);
		expect(exits).toEqual([2]);
	});
});
