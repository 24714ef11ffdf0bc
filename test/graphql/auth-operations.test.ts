import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { closedPortUrl } from '../helpers/fake-server';
import { LOGIN_MUTATION, postGraphQL, REFRESH_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';

describe('login, refresh and tokenInfo against the sandbox', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.unlockAccount(DEMO_ACCOUNT.email);
		sandbox.resetStats();
		server = createGraphQLServer({ baseUrl: sandbox.url, upstreamRetries: 0, upstreamTimeoutMs: 500, logger: { level: 'silent' } });
	});
	afterEach(() => server.dispose());

	const login = (email = DEMO_ACCOUNT.email, password = DEMO_ACCOUNT.password) => postGraphQL(server, LOGIN_MUTATION, { email, password });

	it('logs in and returns the token with its lifetime', async () => {
		const before = Date.now();
		const reply = await login();
		expect(reply.status).toBe(200);
		expect(reply.body.errors).toBeUndefined();
		const payload = reply.body.data.login;
		expect(payload).toMatchObject({ ok: true, error: null, token: { tokenType: 'bearer', expiresIn: 3600, passwordExpiresInDays: 30 } });
		expect(payload.token.accessToken.split('.')).toHaveLength(3);
		const expiresAt = Date.parse(payload.token.expiresAt);
		expect(payload.token.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		expect(expiresAt).toBeGreaterThanOrEqual(before + 3_599_000 - 1000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
		expect(sandbox.stats().logins).toBe(1);
	});

	it('refreshes a token into a new one', async () => {
		const token = (await login()).body.data.login.token.accessToken;
		const reply = await postGraphQL(server, REFRESH_MUTATION, { token: `Bearer ${token}` });
		expect(reply.body.data.refresh.ok).toBe(true);
		expect(reply.body.data.refresh.token.accessToken).not.toBe(token);
		expect(sandbox.stats().refreshes).toBe(1);
	});

	describe('refreshing a permanent token', () => {
		const REPLACE = `mutation Replace($token: String!, $replace: Boolean) {
			refresh(token: $token, replacePermanentToken: $replace) { ok token { accessToken expiresIn } error { code message } }
		}`;
		const BOTH = `mutation Both($token: String!) {
			keep: refresh(token: $token) { ok token { accessToken } error { code } }
			replace: refresh(token: $token, replacePermanentToken: true) { ok token { accessToken } error { code } }
		}`;

		it('is refused as INVALID_INPUT without asking Smartflo, unless replacePermanentToken is true', async () => {
			const permanent = sandbox.issueToken({ kind: 'permanent' });
			for (const variables of [
				{ token: permanent },
				{ token: `Bearer ${permanent}`, replace: false },
				{ token: permanent, replace: null },
			]) {
				const refused = await postGraphQL(server, REPLACE, variables);
				expect(refused.body.data.refresh).toMatchObject({
					ok: false,
					token: null,
					error: { code: 'INVALID_INPUT', message: expect.stringMatching(/permanent/) },
				});
			}
			expect(sandbox.stats().requests).toBe(0);

			const replaced = await postGraphQL(server, REPLACE, { token: permanent, replace: true });
			expect(replaced.body.data.refresh).toMatchObject({ ok: true, token: { expiresIn: 3600 } });
			expect(replaced.body.data.refresh.token.accessToken).not.toBe(permanent);
			expect(sandbox.stats().refreshes).toBe(1);
		});

		it('a replacement made with the flag is never handed to a call without it: not by refresh reuse, not to an alias', async () => {
			const permanent = sandbox.issueToken({ kind: 'permanent' });
			const both = await postGraphQL(server, BOTH, { token: permanent });
			expect(both.body.data.keep).toMatchObject({ ok: false, token: null, error: { code: 'INVALID_INPUT' } });
			expect(both.body.data.replace.ok).toBe(true);
			// Within the refresh-reuse window, a call with the flag gets the same replacement, one without still nothing.
			const again = await postGraphQL(server, REPLACE, { token: permanent, replace: true });
			expect(again.body.data.refresh.token.accessToken).toBe(both.body.data.replace.token.accessToken);
			expect((await postGraphQL(server, REPLACE, { token: permanent })).body.data.refresh.error.code).toBe('INVALID_INPUT');
			expect(sandbox.stats().refreshAttempts).toBe(1);
		});

		it('the flag changes nothing for a login token: with or without it, one refresh and the same new token', async () => {
			const token = sandbox.issueToken();
			const first = await postGraphQL(server, REPLACE, { token, replace: true });
			const second = await postGraphQL(server, REPLACE, { token });
			expect(first.body.data.refresh.ok).toBe(true);
			expect(second.body.data.refresh.token.accessToken).toBe(first.body.data.refresh.token.accessToken);
			expect(sandbox.stats().refreshAttempts).toBe(1);
		});
	});

	it('decodes a token without calling Smartflo', async () => {
		const token = sandbox.issueToken({ ttlSeconds: 600 });
		sandbox.resetStats();
		const reply = await postGraphQL(server, TOKEN_INFO_QUERY, { token });
		expect(reply.body.data.tokenInfo).toMatchObject({ valid: true, expired: false });
		expect(reply.body.data.tokenInfo.secondsRemaining).toBeGreaterThan(590);
		expect(Date.parse(reply.body.data.tokenInfo.expiresAt)).toBeGreaterThan(Date.now());
		expect(sandbox.stats().requests).toBe(0);
	});

	describe('every expected failure is data with a code and a message', () => {
		async function expectFailure(reply: Awaited<ReturnType<typeof login>>, field: 'login' | 'refresh', code: string, status = 200) {
			expect(reply.status).toBe(status);
			expect(reply.body.errors).toBeUndefined();
			const payload = reply.body.data[field];
			expect(payload.ok).toBe(false);
			expect(payload.token).toBeNull();
			expect(payload.error.code).toBe(code);
			expect(typeof payload.error.message).toBe('string');
			expect(payload.error.message.length).toBeGreaterThan(10);
			return payload.error;
		}

		it('INVALID_INPUT: a blank email is refused without calling Smartflo', async () => {
			await expectFailure(await login('   ', 'x'), 'login', 'INVALID_INPUT');
			expect(sandbox.stats().loginAttempts).toBe(0);
		});

		it('INVALID_CREDENTIALS: a wrong password', async () => {
			const error = await expectFailure(await login(DEMO_ACCOUNT.email, 'Wrong#Pass1'), 'login', 'INVALID_CREDENTIALS');
			expect(error.message).not.toContain('Wrong#Pass1');
			expect(error.retryAfterSeconds).toBeNull();
		});

		it('TOKEN_EXPIRED: refreshing an expired token', async () => {
			const token = sandbox.issueToken({ ttlSeconds: 600 });
			sandbox.expireAllTokens();
			await expectFailure(await postGraphQL(server, REFRESH_MUTATION, { token }), 'refresh', 'TOKEN_EXPIRED');
		});

		it('TOKEN_REJECTED: refreshing a revoked token', async () => {
			const token = sandbox.issueToken({ ttlSeconds: 600 });
			sandbox.revokeToken(token);
			await expectFailure(await postGraphQL(server, REFRESH_MUTATION, { token }), 'refresh', 'TOKEN_REJECTED');
		});

		it("RATE_LIMITED: Smartflo's 429 is passed on as HTTP 429 with its Retry-After", async () => {
			sandbox.injectFault({ type: 'rateLimit', retryAfter: '120', match: 'auth' });
			const reply = await login();
			const error = await expectFailure(reply, 'login', 'RATE_LIMITED', 429);
			expect(reply.headers.get('retry-after')).toBe('120');
			expect(error.retryAfterSeconds).toBe(120);
		});

		it('RATE_LIMITED: a 429 without Retry-After still gets a numeric one', async () => {
			sandbox.injectFault({ type: 'rateLimit', match: 'auth' });
			const reply = await postGraphQL(server, REFRESH_MUTATION, { token: sandbox.issueToken() });
			const error = await expectFailure(reply, 'refresh', 'RATE_LIMITED', 429);
			expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(error.retryAfterSeconds).toBe(Number(reply.headers.get('retry-after')));
		});

		it('UPSTREAM_ERROR: a Smartflo 5xx', async () => {
			sandbox.injectFault({ type: 'serverError', status: 503, match: 'auth' });
			await expectFailure(await login(), 'login', 'UPSTREAM_ERROR');
		});

		it('UPSTREAM_ERROR: an HTML error page, whose body is not passed through', async () => {
			sandbox.injectFault({ type: 'html', status: 502, match: 'auth' });
			const reply = await login();
			await expectFailure(reply, 'login', 'UPSTREAM_ERROR');
			expect(reply.text).not.toMatch(/<html|<body/i);
		});

		it('BAD_RESPONSE: truncated JSON', async () => {
			sandbox.injectFault({ type: 'truncatedJson', status: 200, match: 'auth' });
			await expectFailure(await login(), 'login', 'BAD_RESPONSE');
		});

		it('TIMEOUT: Smartflo does not answer', async () => {
			sandbox.injectFault({ type: 'hang', match: 'auth' });
			await expectFailure(await login(), 'login', 'TIMEOUT');
		});

		it('NETWORK_ERROR: nothing listens at the base URL', async () => {
			const baseUrl = await closedPortUrl();
			const offline = createGraphQLServer({ baseUrl, upstreamRetries: 0, logger: { level: 'silent' } });
			try {
				const error = await expectFailure(
					await postGraphQL(offline, LOGIN_MUTATION, { email: 'a@b.in', password: 'x' }),
					'login',
					'NETWORK_ERROR',
				);
				expect(error.message).toBe('Smartflo could not be reached. Try again later.');
				// The upstream address is the operator's business, not the caller's.
				expect(error.message).not.toContain(new URL(baseUrl).port);
			} finally {
				await offline.dispose();
			}
		});
	});
});
