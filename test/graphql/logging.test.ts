import { createLogger, toYogaLogger } from '../../graphql/logging';
import { createGraphQLServer } from '../../graphql/server';
import type { HttpResponse } from '../../src/http';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { captureLogs, LOGIN_MUTATION, postGraphQL, REFRESH_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';

const ACCOUNT = { email: 'logs.owner@example.in', password: 'Corr3ct-Horse-Battery!' };
const WRONG_PASSWORD = 'Wr0ng-Staple-Password?';

describe('operation log', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => {
		sandbox = await startSandbox({ accounts: [ACCOUNT] });
	});
	afterAll(() => sandbox.close());

	it('writes one JSON line per operation and never a password or token', async () => {
		const logs = captureLogs();
		const server = createGraphQLServer({
			baseUrl: sandbox.url,
			upstreamRetries: 0,
			limits: { loginsPerEmail: { limit: 3, windowSeconds: 60 } },
			logger: { level: 'debug', write: logs.write },
		});
		const secrets: string[] = [ACCOUNT.password, WRONG_PASSWORD];

		const login = await postGraphQL(server, LOGIN_MUTATION, ACCOUNT, { 'x-request-id': 'req-login-1' });
		const token: string = login.body.data.login.token.accessToken;
		secrets.push(token);
		const refreshed = await postGraphQL(server, REFRESH_MUTATION, { token: `Bearer ${token}` });
		secrets.push(refreshed.body.data.refresh.token.accessToken);
		await postGraphQL(server, TOKEN_INFO_QUERY, { token: refreshed.body.data.refresh.token.accessToken });
		await postGraphQL(server, LOGIN_MUTATION, { email: ACCOUNT.email, password: WRONG_PASSWORD });
		await postGraphQL(server, LOGIN_MUTATION, { email: ACCOUNT.email, password: WRONG_PASSWORD });
		await postGraphQL(server, LOGIN_MUTATION, { email: ACCOUNT.email, password: WRONG_PASSWORD });
		const revoked = sandbox.issueToken({ email: ACCOUNT.email });
		secrets.push(revoked);
		sandbox.revokeToken(revoked);
		await postGraphQL(server, REFRESH_MUTATION, { token: revoked });
		// A syntax error echoing the query text: the password is inline here, not a variable.
		await postGraphQL(server, `mutation { login(email: "${ACCOUNT.email}", password: "${WRONG_PASSWORD}") { ok } `);
		await server.dispose();

		const text = logs.lines.join('\n');
		for (const secret of secrets) {
			expect(text).not.toContain(secret);
			// Nor a recognisable part of a JWT (its payload segment).
			if (secret.split('.').length === 3) expect(text).not.toContain(secret.split('.')[1]);
		}
		expect(text).not.toContain('variables');

		const operations = logs.entries().filter((entry) => entry.msg === 'graphql operation');
		expect(operations).toHaveLength(8);
		for (const entry of operations) {
			expect(entry).toEqual({
				time: expect.stringMatching(/Z$/),
				level: 'info',
				msg: 'graphql operation',
				requestId: expect.any(String),
				method: 'POST',
				path: '/graphql',
				operation: entry.operation === null ? null : expect.any(String),
				fields: expect.any(Array),
				outcome: expect.any(String),
				status: expect.any(Number),
				latencyMs: expect.any(Number),
			});
		}
		expect(operations.map((entry) => [entry.operation, entry.outcome, entry.status])).toEqual([
			['Login', 'ok', 200],
			['Refresh', 'ok', 200],
			['TokenInfo', 'ok', 200],
			['Login', 'INVALID_CREDENTIALS', 200],
			['Login', 'INVALID_CREDENTIALS', 200],
			['Login', 'RATE_LIMITED', 429],
			['Refresh', 'TOKEN_REJECTED', 200],
			[null, 'GRAPHQL_PARSE_FAILED', 400],
		]);
		expect(operations[0].requestId).toBe('req-login-1');
		expect(operations[0].fields).toEqual(['login']);
	});

	it('replaces a request id that is not a plain short token', async () => {
		const logs = captureLogs();
		const server = createGraphQLServer({ logger: { write: logs.write } });
		const reply = await postGraphQL(server, '{ __typename }', undefined, { 'x-request-id': `evil"\n{"level":"error"}` });
		await server.dispose();
		expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		expect(logs.entries()[0].requestId).toBe(reply.headers.get('x-request-id'));
	});
});

describe("log levels: caller mistakes are not the server's errors", () => {
	const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const login = (variables: Record<string, unknown>) => json({ query: LOGIN_MUTATION, variables });
	const aliases = Array.from({ length: 8 }, (_, index) => `a${index}: tokenInfo(token: "x") { valid }`).join(' ');
	const get = (query: string, headers: Record<string, string> = {}) => ({
		path: `?query=${encodeURIComponent(query)}`,
		init: { headers: { accept: 'application/json', ...headers } },
	});

	it.each<[string, { path?: string; init: RequestInit }]>([
		['malformed JSON', { init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' } }],
		['a batch', { init: json([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }],
		['a password variable sent as a number', { init: login({ email: 'a@b.in', password: 31415926 }) }],
		['a password variable sent as a list', { init: login({ email: 'a@b.in', password: ['x'] }) }],
		['a password variable sent as an object', { init: login({ email: 'a@b.in', password: { value: 'x' } }) }],
		['a missing variable', { init: login({ email: 'a@b.in' }) }],
		['an unknown field', { init: json({ query: '{ nope }' }) }],
		['an inline number for a string argument', { init: json({ query: 'mutation { login(email: "a@b.in", password: 31415926) { ok } }' }) }],
		['a syntax error', { init: json({ query: 'mutation { login(email: "a@b.in", "x") { ok } }' }) }],
		['an unknown operation name', { init: json({ query: '{ __typename }', operationName: 'Nope' }) }],
		['too many aliases', { init: json({ query: `{ ${aliases} }` }) }],
		[
			'a text/plain POST (CSRF)',
			{ init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' } },
		],
		['a GET without the CSRF header', get('{ __typename }')],
		['a mutation over GET', get('mutation { login(email: "a@b.in", password: "x") { ok } }', { 'x-graphql-yoga-csrf': '1' })],
		['an unsupported content type', { init: { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<q/>' } }],
		['a body over the limit', { init: login({ email: 'a@b.in', password: 'x'.repeat(70 * 1024) }) }],
	])('%s: one info line for the request, nothing at warn or error', async (_name, { path = '', init }) => {
		const logs = captureLogs();
		const server = createGraphQLServer({
			baseUrl: 'http://127.0.0.1:9',
			upstreamRetries: 0,
			logger: { level: 'debug', write: logs.write },
		});
		const response = await server.fetch(`http://smartflo.test/graphql${path}`, init);
		await response.text();
		await server.dispose();
		expect(response.status).toBeGreaterThanOrEqual(200);
		expect(logs.entries()).toEqual([expect.objectContaining({ level: 'info', msg: 'graphql operation', status: response.status })]);
	});

	it("a fault of the server's own is logged at error, once", async () => {
		const logs = captureLogs();
		const transport = {
			async request() {
				return Object.defineProperty({ status: 200, headers: {} }, 'body', {
					get() {
						throw new Error('broken transport');
					},
				}) as HttpResponse;
			},
		};
		const server = createGraphQLServer({ transport, upstreamRetries: 0, logger: { level: 'debug', write: logs.write } });
		await postGraphQL(server, LOGIN_MUTATION, { email: 'a@b.in', password: 'x' });
		await server.dispose();
		expect(logs.entries().filter((entry) => entry.level === 'error')).toEqual([
			expect.objectContaining({ msg: 'unexpected error', errorName: 'Error', path: 'login' }),
		]);
	});
});

describe('logger', () => {
	it('drops lines below its level and can be silenced', () => {
		const logs = captureLogs();
		const logger = createLogger({ level: 'warn', write: logs.write });
		logger.debug('a');
		logger.info('b');
		logger.warn('c', { n: 1 });
		logger.error('d');
		expect(logs.entries().map((entry) => [entry.level, entry.msg])).toEqual([
			['warn', 'c'],
			['error', 'd'],
		]);
		const silent = captureLogs();
		createLogger({ level: 'silent', write: silent.write }).error('x');
		expect(silent.lines).toHaveLength(0);
	});

	it("drops yoga's debug output and reduces errors to their class name", () => {
		const logs = captureLogs();
		const yogaLogger = toYogaLogger(createLogger({ level: 'debug', write: logs.write }));
		yogaLogger.debug('Received GraphQL operation variables', { password: 'hunter2' });
		yogaLogger.error(new TypeError('token eyJhbGciOi.secret leaked'));
		expect(logs.lines.join('\n')).not.toMatch(/hunter2|secret|eyJ/);
		expect(logs.entries()).toEqual([expect.objectContaining({ level: 'error', msg: 'unexpected error', errorName: 'TypeError' })]);
	});
});
