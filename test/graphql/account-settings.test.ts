import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { main } from '../../graphql/command';
import { ConfigError, parseCli, serverOptionsFrom, type CliConfig } from '../../graphql/config';
import { generateApiKey } from '../../graphql/runtime/api-keys';
import { ACCOUNT_SETTINGS, accountCredentialsOf } from '../../graphql/settings/account';
import { API_KEY_SETTINGS } from '../../graphql/settings/api-keys';
import { DATA_LIMIT_SETTINGS } from '../../graphql/settings/data-limits';
import { LOG_SETTINGS } from '../../graphql/settings/logging';
import { composeSettings, settingsGroup } from '../../graphql/settings/settings';
import { SMARTFLO_SETTINGS } from '../../graphql/settings/smartflo';
import { parseOnOff } from '../../graphql/settings/values';
import { startSandbox } from '../../sandbox/index';
import { jwtExpiringIn } from '../helpers/jwt';

const PASSWORD = 'Serv3r-Held-Passw0rd';
const KEY = generateApiKey();
const ACCOUNT_ENV = { SMARTFLO_EMAIL: 'ops@example.in', SMARTFLO_PASSWORD: PASSWORD, API_KEYS: `retool:read:${KEY}` };

function config(env: NodeJS.ProcessEnv, argv: string[] = []): CliConfig {
	const command = parseCli(argv, env);
	if (command.kind !== 'run') throw new Error('expected a run command');
	return command.config;
}

/** The ConfigError's message; fails when parsing succeeds. */
function refusal(env: NodeJS.ProcessEnv, argv: string[] = []): string {
	try {
		parseCli(argv, env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error('expected a ConfigError');
}

describe('the server-held account settings', () => {
	it('gives an email and password, or an access token, to the server', () => {
		const withPassword = config(ACCOUNT_ENV);
		expect(accountCredentialsOf(withPassword)).toEqual({ email: 'ops@example.in', password: PASSWORD });
		expect(serverOptionsFrom(withPassword)).toMatchObject({
			account: { email: 'ops@example.in', password: PASSWORD },
			apiKeys: [{ name: 'retool', permission: 'read', key: KEY }],
		});
		const token = jwtExpiringIn(3600, { cr: true });
		expect(serverOptionsFrom(config({ SMARTFLO_ACCESS_TOKEN: `Bearer ${token}`, API_KEYS: `retool:${KEY}` })).account).toEqual({
			accessToken: token,
		});
		expect(serverOptionsFrom(config({})).account).toBeUndefined();
	});

	it('takes the password as given, spaces included, and the email trimmed', () => {
		expect(
			serverOptionsFrom(config({ ...ACCOUNT_ENV, SMARTFLO_EMAIL: ' ops@example.in ', SMARTFLO_PASSWORD: ` ${PASSWORD} ` })).account,
		).toEqual({
			email: 'ops@example.in',
			password: ` ${PASSWORD} `,
		});
	});

	it.each<[string, NodeJS.ProcessEnv, string]>([
		[
			'both ways at once',
			{ ...ACCOUNT_ENV, SMARTFLO_ACCESS_TOKEN: jwtExpiringIn(3600) },
			'Set SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN, not both: the server holds one account.',
		],
		[
			'an email without a password',
			{ SMARTFLO_EMAIL: 'ops@example.in', API_KEYS: `a:${KEY}` },
			'SMARTFLO_EMAIL is set without SMARTFLO_PASSWORD: set both, or neither.',
		],
		[
			'a password without an email',
			{ SMARTFLO_PASSWORD: PASSWORD, API_KEYS: `a:${KEY}` },
			'SMARTFLO_PASSWORD is set without SMARTFLO_EMAIL: set both, or neither.',
		],
		[
			'an account without keys',
			{ SMARTFLO_EMAIL: 'ops@example.in', SMARTFLO_PASSWORD: PASSWORD },
			'The server-held account (SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN) is reached only with an API key: set API_KEYS or API_KEYS_FILE (make a key with `openssl rand -base64 32`).',
		],
		[
			'keys without an account',
			{ API_KEYS: `retool:read:${KEY}` },
			'API_KEYS / API_KEYS_FILE need a server-held account for the keys to reach: set SMARTFLO_EMAIL and SMARTFLO_PASSWORD, or SMARTFLO_ACCESS_TOKEN.',
		],
	])('refuses %s at start, quoting no secret', (_case, env, message) => {
		const text = refusal(env);
		expect(text).toBe(message);
		for (const secret of [PASSWORD, KEY, env.SMARTFLO_ACCESS_TOKEN ?? PASSWORD]) expect(text).not.toContain(secret);
	});

	it.each([
		['masked', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.****', /^SMARTFLO_ACCESS_TOKEN: This access token is masked/],
		[
			'a Click to Call Support key',
			'0b6f6e0e-4a5c-4f3a-9d1e-7c2b8a5f3e19',
			/^SMARTFLO_ACCESS_TOKEN: This is a Click to Call Support API key/,
		],
		['expired', jwtExpiringIn(-3600), /^SMARTFLO_ACCESS_TOKEN: The access token expired on /],
		[
			'not a token',
			'hunter2-hunter2-hunter2-hunter2-hunter2-hunter2',
			/^SMARTFLO_ACCESS_TOKEN: This does not look like a Smartflo access token/,
		],
	])('refuses an access token that is %s, without quoting it', (_case, token, message) => {
		const text = refusal({ SMARTFLO_ACCESS_TOKEN: token, API_KEYS: `a:${KEY}` });
		expect(text).toMatch(message);
		expect(text).not.toContain(token.slice(0, 20));
	});

	it('with --sandbox the demo account is the account: keys need no SMARTFLO_* settings', () => {
		expect(config({ API_KEYS: `retool:read:${KEY}` }, ['--sandbox']).sandbox).toBe(true);
	});
});

describe('the API key settings', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'smartflo-keys-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const other = generateApiKey();
	const withAccount = (env: NodeJS.ProcessEnv) => ({ SMARTFLO_EMAIL: 'ops@example.in', SMARTFLO_PASSWORD: PASSWORD, ...env });

	it('reads API_KEYS: name:permission:key and name:key entries', () => {
		expect(serverOptionsFrom(config(withAccount({ API_KEYS: `retool:read:${KEY}, bot:write:${other}` }))).apiKeys).toEqual([
			{ name: 'retool', permission: 'read', key: KEY },
			{ name: 'bot', permission: 'write', key: other },
		]);
		expect(serverOptionsFrom(config(withAccount({ API_KEYS: `retool:${KEY}` }))).apiKeys).toEqual([
			{ name: 'retool', permission: 'read', key: KEY },
		]);
	});

	it('reads API_KEYS_FILE (or --api-keys-file): one entry per line, # comments', () => {
		const file = join(dir, 'keys');
		writeFileSync(file, `# dashboards, read only\nretool:read:${KEY}\n\n# the bot may place calls\nbot:write:${other}\n`);
		const expected = [
			{ name: 'retool', permission: 'read', key: KEY },
			{ name: 'bot', permission: 'write', key: other },
		];
		expect(serverOptionsFrom(config(withAccount({ API_KEYS_FILE: file }))).apiKeys).toEqual(expected);
		expect(serverOptionsFrom(config(withAccount({}), ['--api-keys-file', file])).apiKeys).toEqual(expected);
	});

	it.each<[string, NodeJS.ProcessEnv, RegExp]>([
		[
			'a short key',
			{ API_KEYS: 'retool:read:short-key' },
			/^API_KEYS: the key "retool" must have at least 32 characters of random text; make one with `openssl rand -base64 32`\.$/,
		],
		['a weak key', { API_KEYS: `retool:read:${'Passw0rd'.repeat(5)}` }, /^API_KEYS: the key "retool" is too easy to guess/],
		['a name given twice', { API_KEYS: `a:read:${KEY},a:write:${other}` }, /^API_KEYS: the key "a" is named twice\.$/],
		['one key twice', { API_KEYS: `a:read:${KEY},b:write:${KEY}` }, /^API_KEYS: the key "b" has the same key as another entry\.$/],
		['an unknown permission', { API_KEYS: `a:admin:${KEY}` }, /^API_KEYS: entry 1 has a permission other than read or write/],
		[
			'an entry without a name',
			{ API_KEYS: `a:read:${KEY},${other}` },
			/^API_KEYS: entry 2 is not name:permission:key \(or name:key for a read-only key\)\.$/,
		],
		['no entries', { API_KEYS: ' , ' }, /^API_KEYS: holds no key; write name:permission:key entries/],
		['an empty file', { API_KEYS_FILE: '/dev/null' }, /^API_KEYS_FILE \/ --api-keys-file: holds no key; write name:permission:key entries/],
		[
			'a missing file',
			{ API_KEYS_FILE: '/nonexistent/keys' },
			/^API_KEYS_FILE \/ --api-keys-file: cannot read \/nonexistent\/keys \(ENOENT\)\.$/,
		],
	])('refuses %s at start, never quoting a key', (_case, env, message) => {
		const text = refusal(withAccount(env));
		expect(text).toMatch(message);
		for (const key of [KEY, other]) expect(text).not.toContain(key.slice(0, 10));
	});

	it('refuses both sources', () => {
		const file = join(dir, 'one-key');
		writeFileSync(file, `bot:write:${other}\n`);
		expect(refusal(withAccount({ API_KEYS: `a:${KEY}`, API_KEYS_FILE: file }))).toBe('Set API_KEYS or API_KEYS_FILE, not both.');
	});
});

describe('the data limit settings', () => {
	it('have defaults, and are read from the environment and flags', () => {
		expect(serverOptionsFrom(config({})).dataLimits).toEqual({
			perApiKey: { limit: 120, windowSeconds: 60 },
			perIp: { limit: 240, windowSeconds: 60 },
			upstreamCallsPerRequest: 10,
		});
		const env = { DATA_RATE_LIMIT_PER_API_KEY: '30/1m', DATA_RATE_LIMIT_PER_IP: '100/60', UPSTREAM_CALLS_PER_REQUEST: '4' };
		expect(serverOptionsFrom(config(env, ['--upstream-calls-per-request', '6'])).dataLimits).toEqual({
			perApiKey: { limit: 30, windowSeconds: 60 },
			perIp: { limit: 100, windowSeconds: 60 },
			upstreamCallsPerRequest: 6,
		});
		expect(refusal({ UPSTREAM_CALLS_PER_REQUEST: '0' })).toBe(
			'UPSTREAM_CALLS_PER_REQUEST / --upstream-calls-per-request must be between 1 and 1000, got 0.',
		);
		expect(refusal({ DATA_RATE_LIMIT_PER_IP: '10/600h' })).toMatch(
			/^DATA_RATE_LIMIT_PER_IP \/ --data-rate-limit-per-ip may have a window of at most 24 days/,
		);
	});
});

describe('settings groups, composed into a command', () => {
	interface McpLikeSettings {
		http: boolean;
	}
	const OWN = settingsGroup<McpLikeSettings>({
		http: { flag: '--http', description: 'Serve over HTTP.', defaultText: 'off', default: () => false, parse: parseOnOff },
	});

	it("another command reuses the shared groups with a table of its own, and each group's checks", () => {
		const command = composeSettings([SMARTFLO_SETTINGS, ACCOUNT_SETTINGS, API_KEY_SETTINGS, DATA_LIMIT_SETTINGS, LOG_SETTINGS, OWN]);
		const parsed = command.parse(['--http', '--sandbox'], {
			SMARTFLO_EMAIL: 'ops@example.in',
			SMARTFLO_PASSWORD: PASSWORD,
			LOG_LEVEL: 'warn',
		});
		expect(parsed).toEqual({
			kind: 'run',
			config: expect.objectContaining({ http: true, sandbox: true, logLevel: 'warn', smartfloEmail: 'ops@example.in' }),
		});
		// The account group's own check comes along; the GraphQL server's rule (an account needs keys) does not.
		expect(() => command.parse([], { SMARTFLO_EMAIL: 'ops@example.in' })).toThrow('SMARTFLO_EMAIL is set without SMARTFLO_PASSWORD');
		const help = command.help({ usage: 'smartflo-mcp [options]', about: 'An MCP server.' });
		expect(help).toMatch(/^Usage: smartflo-mcp \[options\]\n\nAn MCP server\.\n\nOptions:\n/);
		for (const row of command.rows) expect(help).toContain(row.description);
		expect(help).toContain('--help\n      Show this help.');
	});

	it('refuses a setting declared twice', () => {
		expect(() => composeSettings([SMARTFLO_SETTINGS, LOG_SETTINGS, SMARTFLO_SETTINGS])).toThrow(
			'The setting field baseUrl is declared twice.',
		);
		const clash = settingsGroup<{ level: string }>({
			level: { env: 'LOG_LEVEL', description: 'x', defaultText: '', default: () => '', parse: (raw) => raw },
		});
		expect(() => composeSettings([LOG_SETTINGS, clash])).toThrow('The setting LOG_LEVEL is declared twice.');
	});
});

describe('the command with a server-held account', () => {
	it('shows the account and the keys’ names in the banner, never the password or a key', async () => {
		const sandbox = await startSandbox({ accounts: [{ email: 'ops@example.in', password: PASSWORD }] });
		let printed = '';
		const started = await main(['--port', '0', '--log-level', 'silent'], {
			env: { ...ACCOUNT_ENV, SMARTFLO_BASE_URL: sandbox.url, API_KEYS: `retool:read:${KEY},bot:write:${generateApiKey()}` },
			print: (text) => (printed += text),
			signals: { once: () => process },
		});
		try {
			expect(printed).toContain('  Server account    ops@example.in; API keys: retool (read), bot (write)');
			expect(printed).not.toContain(PASSWORD);
			expect(printed).not.toContain(KEY);
			// Logs in lazily: nothing sent yet.
			expect(sandbox.stats().requests).toBe(0);
		} finally {
			await started?.stop();
			await sandbox.close();
		}
	});

	it('without one, says that data requests need the caller’s token', async () => {
		let printed = '';
		const started = await main(['--port', '0', '--log-level', 'silent'], {
			env: {},
			print: (text) => (printed += text),
			signals: { once: () => process },
		});
		await started?.stop();
		expect(printed).toContain("  Server account    none: data requests need the caller's own token (Authorization: Bearer)");
	});
});
