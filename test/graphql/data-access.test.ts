import { main, SANDBOX_KEY_NAME } from '../../graphql/command';
import { listen, type RunningServer } from '../../graphql/http-server';
import type { GraphQLServerOptions } from '../../graphql/options';
import { generateApiKey } from '../../graphql/runtime/api-keys';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { captureLogs, postGraphQL, postOverHttp, type GraphQLReply } from '../helpers/graphql';
import { PROBE_CLICK_TO_CALL, PROBE_DEPARTMENT, PROBE_USERS } from '../helpers/probe-domain';

// The data schema's root fields are not in this file's scope: test-only fields (test/helpers/probe-domain.ts)
// stand in for them, each going through smartfloFor and settleApiCall as a data resolver does.
jest.mock('../../graphql/schema', () => {
	const actual = jest.requireActual<typeof import('../../graphql/schema')>('../../graphql/schema');
	const { probeDomain } = jest.requireActual<typeof import('../helpers/probe-domain')>('../helpers/probe-domain');
	return { ...actual, buildSchema: () => actual.buildSchema([...actual.DATA_DOMAINS, probeDomain]) };
});

const READ_KEY = generateApiKey();
const WRITE_KEY = generateApiKey();
const OTHER_READ_KEY = generateApiKey();
const reader = { 'x-api-key': READ_KEY };
const writer = { 'x-api-key': WRITE_KEY };

function expectFailure(reply: GraphQLReply, field: string, code: string) {
	expect(reply.body.errors).toBeUndefined();
	expect(reply.body.data[field]).toMatchObject({ ok: false, count: null, error: { code, message: expect.any(String) } });
}

describe('data access: the caller’s token or an API key for the server-held account', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.configure({ maxPageSize: 100 });
		sandbox.resetStats();
	});
	afterEach(() => server.dispose());

	function start(options: GraphQLServerOptions = {}): GraphQLServer {
		server = createGraphQLServer({
			baseUrl: sandbox.url,
			account: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
			apiKeys: [
				{ name: 'dashboards', permission: 'read', key: READ_KEY },
				{ name: 'ops-bot', permission: 'write', key: WRITE_KEY },
				{ name: 'reports', permission: 'read', key: OTHER_READ_KEY },
			],
			logger: { level: 'silent' },
			...options,
		});
		return server;
	}
	const users = (headers: Record<string, string>, limit = 3) => postGraphQL(server, PROBE_USERS, { limit }, headers);

	describe('with an API key', () => {
		it('reads through the server-held account, which logs in once for every request', async () => {
			start();
			const replies = await Promise.all([users(reader), users(reader), users({ 'x-api-key': OTHER_READ_KEY })]);
			for (const reply of replies) expect(reply.body.data.probeUsers).toEqual({ ok: true, count: 3, error: null });
			await users(reader);
			expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, apiRequests: 4 });
		});

		it('renews the account’s token by itself after Smartflo expired every token', async () => {
			start();
			await users(reader);
			sandbox.expireAllTokens();
			expect((await users(reader)).body.data.probeUsers).toEqual({ ok: true, count: 3, error: null });
			expect(sandbox.stats().logins).toBe(2);
		});

		it('refuses a write with a read-only key, sending nothing to Smartflo', async () => {
			start();
			const department = await postGraphQL(server, PROBE_DEPARTMENT, { name: 'Collections' }, reader);
			expectFailure(department, 'probeDepartment', 'FORBIDDEN');
			expect(department.body.data.probeDepartment.error.message).toBe(
				'The API key "dashboards" may only read, and this operation changes Smartflo data. It needs a key with the write permission.',
			);
			const call = await postGraphQL(server, PROBE_CLICK_TO_CALL, undefined, reader);
			expectFailure(call, 'probeClickToCall', 'FORBIDDEN');
			expect(call.body.data.probeClickToCall.error.message).toMatch(/places or changes real phone calls/);
			expect(call.status).toBe(200);
			// Not even the account's login.
			expect(sandbox.stats().requests).toBe(0);
		});

		it('writes with a key allowed to write', async () => {
			start();
			const reply = await postGraphQL(server, PROBE_DEPARTMENT, { name: 'Collections' }, writer);
			expect(reply.body.data.probeDepartment).toEqual({ ok: true, count: 1, error: null });
			expect(sandbox.stats().byPath).toMatchObject({ 'POST /v1/department': 1 });
		});

		it.each([
			['an unknown key', { 'x-api-key': generateApiKey() }, /not one of this server’s keys/],
			['a key that is one character short', { 'x-api-key': READ_KEY.slice(0, -1) }, /not one of this server’s keys/],
			['an empty X-API-Key', { 'x-api-key': '' }, /X-API-Key header is empty/],
		])('refuses %s with UNAUTHENTICATED, sending nothing', async (_case, headers, message) => {
			start();
			const reply = await users(headers);
			expectFailure(reply, 'probeUsers', 'UNAUTHENTICATED');
			expect(reply.body.data.probeUsers.error.message).toMatch(message);
			expect(reply.text).not.toContain(headers['x-api-key'] || 'never');
			expect(sandbox.stats().requests).toBe(0);
		});

		it('a server without an account refuses every key', async () => {
			server = createGraphQLServer({ baseUrl: sandbox.url, logger: { level: 'silent' } });
			const reply = await users(reader);
			expectFailure(reply, 'probeUsers', 'UNAUTHENTICATED');
			expect(reply.body.data.probeUsers.error.message).toMatch(/This server has no API keys/);
			expect(sandbox.stats().requests).toBe(0);
		});
	});

	describe("with the caller's own token", () => {
		it('reads and writes as the caller, never logging in or renewing', async () => {
			server = createGraphQLServer({ baseUrl: sandbox.url, logger: { level: 'silent' } });
			const token = sandbox.issueToken();
			expect((await users({ authorization: `Bearer ${token}` })).body.data.probeUsers).toEqual({ ok: true, count: 3, error: null });
			const written = await postGraphQL(server, PROBE_DEPARTMENT, { name: 'Token Holders' }, { authorization: `bearer ${token}` });
			expect(written.body.data.probeDepartment.ok).toBe(true);
			expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: 2 });
		});

		it.each([
			['revoked', 'TOKEN_REJECTED', 1, (sandbox: SandboxHandle) => sandboxRevoked(sandbox)],
			['expired at Smartflo', 'TOKEN_EXPIRED', 1, (sandbox: SandboxHandle) => sandboxExpired(sandbox)],
			['past its exp', 'TOKEN_EXPIRED', 0, (sandbox: SandboxHandle) => sandbox.issueToken({ ttlSeconds: -600 })],
		])(
			'a token %s is ok: false with %s after %d requests, so that the tool can refresh or log in',
			async (_case, code, requests, tokenOf) => {
				start();
				const token = tokenOf(sandbox);
				sandbox.resetStats();
				const reply = await users({ authorization: `Bearer ${token}` });
				expectFailure(reply, 'probeUsers', code);
				expect(sandbox.stats()).toMatchObject({ apiRequests: requests, loginAttempts: 0, refreshAttempts: 0 });
				expect(reply.text).not.toContain(token.split('.')[1]);
			},
		);

		it.each([
			['another scheme', { authorization: 'Basic ZGVtbzpwYXNz' }, 'UNAUTHENTICATED', /must be `Bearer <accessToken>`/],
			['Bearer without a token', { authorization: 'Bearer' }, 'INVALID_INPUT', /A token is required/],
			[
				'a token with a space',
				{ authorization: 'Bearer eyJhbGciOi JIUzI1NiJ9.e30.x' },
				'INVALID_INPUT',
				/cannot be sent in an HTTP header/,
			],
			[
				'a token with a non-ASCII character',
				{ authorization: 'Bearer eyJhbGciOi\u00e9.e30.x' },
				'INVALID_INPUT',
				/cannot be sent in an HTTP header/,
			],
		])('refuses %s before sending anything', async (_case, headers, code, message) => {
			start();
			const reply = await users(headers);
			expectFailure(reply, 'probeUsers', code);
			expect(reply.body.data.probeUsers.error.message).toMatch(message);
			expect(sandbox.stats().requests).toBe(0);
		});
	});

	describe('precedence and absence', () => {
		it('neither header: UNAUTHENTICATED, saying what to send, and nothing sent to Smartflo', async () => {
			start();
			const reply = await users({});
			expectFailure(reply, 'probeUsers', 'UNAUTHENTICATED');
			expect(reply.body.data.probeUsers.error.message).toBe(
				'Smartflo data needs a credential, and this request has none. Send your Smartflo token as `Authorization: Bearer <accessToken>` (from login), or a key of this server in X-API-Key.',
			);
			expect(reply.status).toBe(200);
			expect(sandbox.stats().requests).toBe(0);
		});

		it('X-API-Key wins: the Authorization header is then not read, and never forwarded to Smartflo', async () => {
			start();
			const revoked = sandboxRevoked(sandbox);
			sandbox.resetStats();
			const reply = await users({ ...reader, authorization: `Bearer ${revoked}` });
			expect(reply.body.data.probeUsers.ok).toBe(true);
			expect(sandbox.stats().rejectedTokens).toBe(0);
			// A wrong key is refused, not replaced by the token beside it.
			const valid = sandbox.issueToken();
			const wrongKey = await users({ 'x-api-key': generateApiKey(), authorization: `Bearer ${valid}` });
			expectFailure(wrongKey, 'probeUsers', 'UNAUTHENTICATED');
		});

		it('a browser on an allowed origin may send both headers (CORS preflight)', async () => {
			start({ corsOrigins: ['https://app.example.com'] });
			const preflight = await server.fetch('http://smartflo.test/graphql', {
				method: 'OPTIONS',
				headers: {
					origin: 'https://app.example.com',
					'access-control-request-method': 'POST',
					'access-control-request-headers': 'content-type, x-api-key, authorization',
				},
			});
			expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
			expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key, authorization');
			const reply = await postGraphQL(server, PROBE_USERS, { limit: 1 }, { ...reader, origin: 'https://app.example.com' });
			expect(reply.body.data.probeUsers.ok).toBe(true);
		});

		it('login, refresh and tokenInfo need neither', async () => {
			start();
			const reply = await postGraphQL(server, '{ tokenInfo(token: "x") { valid } }', undefined, { 'x-api-key': 'wrong' });
			expect(reply.body.data.tokenInfo.valid).toBe(false);
		});
	});

	describe('the budget of upstream calls per request', () => {
		it('aliases cannot multiply calls: three lists of 4 pages each stop at 10 requests in all', async () => {
			const logs = captureLogs();
			start({ logger: { level: 'info', write: logs.write } });
			sandbox.configure({ maxPageSize: 2 });
			await users(reader); // the account's login, outside the budget of the request below
			sandbox.resetStats();
			const query = `query Three { a: probeUsers(limit: 8) { ok count error { code message } } b: probeUsers(limit: 8) { ok count error { code message } } c: probeUsers(limit: 8) { ok count error { code message } } }`;
			const reply = await postGraphQL(server, query, undefined, reader);
			expect(sandbox.stats().apiRequests).toBe(10);
			const fields = [reply.body.data.a, reply.body.data.b, reply.body.data.c];
			const failed = fields.filter((field) => !field.ok);
			expect(failed.length).toBeGreaterThanOrEqual(1);
			for (const field of failed) {
				expect(field.error).toEqual({
					code: 'UPSTREAM_BUDGET_EXCEEDED',
					message:
						'This request needs more than the 10 calls to Smartflo one request may make. Ask for fewer records or fields, or split the request.',
				});
			}
			for (const field of fields.filter((each) => each.ok)) expect(field.count).toBe(8);
			// Another field succeeded: HTTP 200, as for logins.
			expect(reply.status).toBe(200);
			const line = logs.entries().find((entry) => entry.operation === 'Three');
			expect(line).toMatchObject({ upstreamCalls: 10, apiKey: 'dashboards', outcome: 'UPSTREAM_BUDGET_EXCEEDED' });
		});

		it('is a setting; the account’s renewals do not draw on it, its resends do', async () => {
			start({ dataLimits: { upstreamCallsPerRequest: 2 } });
			sandbox.configure({ maxPageSize: 2 });
			expect((await users(reader, 4)).body.data.probeUsers).toMatchObject({ ok: true, count: 4 });
			expect((await users(reader, 6)).body.data.probeUsers.error.code).toBe('UPSTREAM_BUDGET_EXCEEDED');
			sandbox.expireAllTokens();
			sandbox.resetStats();
			// The refused first page and its resend take the budget of 2: the second page is not sent.
			expect((await users(reader, 4)).body.data.probeUsers.error.code).toBe('UPSTREAM_BUDGET_EXCEEDED');
			expect(sandbox.stats()).toMatchObject({ apiRequests: 2, logins: 1 });
		});

		it('refuses a page size over the bound before sending anything', async () => {
			start();
			const reply = await users(reader, 101);
			expect(reply.body.data.probeUsers.error).toMatchObject({
				code: 'INVALID_INPUT',
				field: 'limit',
				message: 'limit must be a whole number from 1 to 100.',
			});
			expect(sandbox.stats().apiRequests).toBe(0);
		});
	});

	describe('rate limits', () => {
		function expectRateLimited(reply: GraphQLReply) {
			expect(reply.status).toBe(429);
			const retryAfter = reply.headers.get('retry-after');
			expect(retryAfter).toMatch(/^[1-9]\d*$/);
			expect(reply.body.data.probeUsers).toMatchObject({
				ok: false,
				error: { code: 'RATE_LIMITED', retryAfterSeconds: Number(retryAfter) },
			});
			return Number(retryAfter);
		}

		it('per API key: HTTP 429 with Retry-After over the limit, nothing sent; other keys go on', async () => {
			start({ dataLimits: { perApiKey: { limit: 2, windowSeconds: 60 } } });
			for (let index = 0; index < 2; index++) expect((await users(reader)).body.data.probeUsers.ok).toBe(true);
			const requests = sandbox.stats().requests;
			const limited = await users(reader);
			expect(expectRateLimited(limited)).toBeGreaterThan(50);
			expect(limited.body.data.probeUsers.error.message).toMatch(
				/^Too many requests for Smartflo data with this API key\. Try again in \d+ s\.$/,
			);
			expect(sandbox.stats().requests).toBe(requests);
			expect((await users({ 'x-api-key': OTHER_READ_KEY })).body.data.probeUsers.ok).toBe(true);
		});

		it('per client IP, whatever the key or token, over real HTTP', async () => {
			start({ dataLimits: { perIp: { limit: 3, windowSeconds: 60 } } });
			const running: RunningServer = await listen(server, { port: 0, host: '127.0.0.1' });
			try {
				const token = sandbox.issueToken();
				const post = (headers: Record<string, string>) => postOverHttp(running.url, PROBE_USERS, { limit: 1 }, headers);
				expect((await post(reader)).body.data.probeUsers.ok).toBe(true);
				expect((await post({ 'x-api-key': OTHER_READ_KEY })).body.data.probeUsers.ok).toBe(true);
				expect((await post({ authorization: `Bearer ${token}` })).body.data.probeUsers.ok).toBe(true);
				const limited = await post({ authorization: `Bearer ${token}` });
				expectRateLimited(limited);
				expect(limited.body.data.probeUsers.error.message).toMatch(/^Too many requests for Smartflo data from this client\./);
			} finally {
				await running.shutdown();
			}
		});

		it('a request in which another field succeeded stays HTTP 200, without Retry-After', async () => {
			start({ dataLimits: { perApiKey: { limit: 1, windowSeconds: 60 } } });
			const query =
				'query Two { a: probeUsers(limit: 1) { ok error { code retryAfterSeconds } } b: probeUsers(limit: 1) { ok error { code retryAfterSeconds } } }';
			const reply = await postGraphQL(server, query, undefined, reader);
			expect(reply.status).toBe(200);
			expect(reply.headers.get('retry-after')).toBeNull();
			const outcomes = [reply.body.data.a, reply.body.data.b].map((field) => (field.ok ? 'ok' : field.error.code)).sort();
			expect(outcomes).toEqual(['RATE_LIMITED', 'ok']);
		});

		it('refusals before the limits do not count against them', async () => {
			start({ dataLimits: { perApiKey: { limit: 1, windowSeconds: 60 } } });
			for (let index = 0; index < 3; index++) {
				expectFailure(await postGraphQL(server, PROBE_DEPARTMENT, { name: 'X' }, reader), 'probeDepartment', 'FORBIDDEN');
			}
			expect((await users(reader)).body.data.probeUsers.ok).toBe(true);
		});
	});

	it('logs the key’s name and the calls made, never a key, token or password', async () => {
		const logs = captureLogs();
		start({ logger: { level: 'debug', write: logs.write } });
		const token = sandbox.issueToken();
		await users(reader);
		await users({ authorization: `Bearer ${token}` });
		await users({ 'x-api-key': `${WRITE_KEY.slice(0, -1)}Q` });
		await postGraphQL(server, PROBE_DEPARTMENT, { name: 'Collections' }, reader);
		const text = logs.lines.join('\n');
		for (const secret of [READ_KEY, WRITE_KEY, WRITE_KEY.slice(0, 12), READ_KEY.slice(0, 12), DEMO_ACCOUNT.password, token.split('.')[1]]) {
			expect(text).not.toContain(secret);
		}
		const operations = logs.entries().filter((entry) => entry.msg === 'graphql operation');
		expect(operations.map((entry) => [entry.outcome, entry.apiKey, entry.upstreamCalls])).toEqual([
			['ok', 'dashboards', 1],
			['ok', undefined, 1],
			['UNAUTHENTICATED', undefined, undefined],
			['FORBIDDEN', 'dashboards', undefined],
		]);
	});
});

describe('npm run demo (--sandbox)', () => {
	it('prints an API key generated for the demo account, which reads and writes through it', async () => {
		let printed = '';
		const started = await main(['--sandbox', '--port', '0', '--log-level', 'silent'], {
			env: {},
			print: (text) => (printed += text),
			signals: { once: () => process },
		});
		try {
			const key = started?.sandboxKey as string;
			expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
			expect(printed).toContain(`  API key           ${key}\n`);
			expect(printed).toContain(`(generated at start for the demo account, "${SANDBOX_KEY_NAME}", allowed to write`);
			expect(printed).toContain(
				`  Server account    ${DEMO_ACCOUNT.email} (the sandbox's demo account); API keys: ${SANDBOX_KEY_NAME} (write)`,
			);
			const url = started!.running.url;
			expect((await postOverHttp(url, PROBE_USERS, { limit: 2 }, { 'x-api-key': key })).body.data.probeUsers).toEqual({
				ok: true,
				count: 2,
				error: null,
			});
			expect((await postOverHttp(url, PROBE_DEPARTMENT, { name: 'Demo' }, { 'x-api-key': key })).body.data.probeDepartment.ok).toBe(true);
		} finally {
			await started?.stop();
		}
	});

	it('generates another key at every start', async () => {
		const keys: string[] = [];
		for (let run = 0; run < 2; run++) {
			const started = await main(['--sandbox', '--port', '0', '--log-level', 'silent'], {
				env: {},
				print: () => {},
				signals: { once: () => process },
			});
			keys.push(started?.sandboxKey as string);
			await started?.stop();
		}
		expect(keys[0]).not.toBe(keys[1]);
	});
});

function sandboxRevoked(sandbox: SandboxHandle): string {
	const token = sandbox.issueToken();
	sandbox.revokeToken(token);
	return token;
}

function sandboxExpired(sandbox: SandboxHandle): string {
	const token = sandbox.issueToken();
	sandbox.expireAllTokens();
	return token;
}
