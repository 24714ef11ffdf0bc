import { listen, type RunningServer } from '../../graphql/http-server';
import { AuthGuard } from '../../graphql/limits/auth-guard';
import { MAX_WINDOW_SECONDS } from '../../graphql/limits/rate-limiter';
import type { GraphQLServerOptions } from '../../graphql/options';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { type TokenSet } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import type { HttpTransport } from '../../src/http';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer } from '../helpers/fake-server';
import { LOGIN_MUTATION, postGraphQL, postOverHttp, REFRESH_MUTATION, type GraphQLReply } from '../helpers/graphql';
import { jwtExpiringIn } from '../helpers/jwt';
import { sleep } from '../helpers/wait';

function expectRateLimited(reply: GraphQLReply, field: 'login' | 'refresh' = 'login') {
	expect(reply.status).toBe(429);
	const retryAfter = reply.headers.get('retry-after');
	expect(retryAfter).toMatch(/^[1-9]\d*$/);
	expect(reply.body.data[field]).toMatchObject({
		ok: false,
		token: null,
		error: { code: 'RATE_LIMITED', retryAfterSeconds: Number(retryAfter) },
	});
}

describe('rate limits and lockout protection', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.unlockAccount(DEMO_ACCOUNT.email);
		sandbox.configure({ latencyMs: 0 });
		sandbox.resetStats();
	});
	afterEach(() => server.dispose());

	function start(options: GraphQLServerOptions = {}): GraphQLServer {
		server = createGraphQLServer({ baseUrl: sandbox.url, upstreamRetries: 0, logger: { level: 'silent' }, ...options });
		return server;
	}
	const login = (email: string = DEMO_ACCOUNT.email, password: string = DEMO_ACCOUNT.password) =>
		postGraphQL(server, LOGIN_MUTATION, { email, password });

	describe('per email', () => {
		it('answers the attempt over the limit with 429, a numeric Retry-After and RATE_LIMITED', async () => {
			start({ limits: { loginsPerEmail: { limit: 3, windowSeconds: 60 } } });
			for (let attempt = 0; attempt < 3; attempt++) expect((await login()).body.data.login.ok).toBe(true);
			const limited = await login();
			expectRateLimited(limited);
			// A fixed window, started by the first attempt: the rest of the minute.
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
			expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
			expect(sandbox.stats().loginAttempts).toBe(3);
		});

		it('normalises the email: case and surrounding spaces share one budget', async () => {
			start({ limits: { loginsPerEmail: { limit: 2, windowSeconds: 60 } } });
			await login(DEMO_ACCOUNT.email.toUpperCase(), 'x1');
			await login(`  ${DEMO_ACCOUNT.email}  `, 'x2');
			expectRateLimited(await login(DEMO_ACCOUNT.email, 'x3'));
		});

		it('variants of a blocked email reach Smartflo 0 more times: invisible, full-width, NUL and a trailing dot fold into it', async () => {
			start({ limits: { loginsPerEmail: { limit: 100, windowSeconds: 60 } } });
			for (let attempt = 0; attempt < 5; attempt++) await login(DEMO_ACCOUNT.email, `Wrong#Pass${attempt}`);
			expectRateLimited(await login(DEMO_ACCOUNT.email, 'Wrong#Pass5'));
			sandbox.resetStats();
			const [local, domain] = DEMO_ACCOUNT.email.split('@');
			const variants = [
				`${local.slice(0, 2)}\u200b${local.slice(2)}@${domain}`,
				`\uff44${local.slice(1)}@${domain}`,
				`${local.slice(0, 2)}\u00ad${local.slice(2)}@${domain}`,
				`${DEMO_ACCOUNT.email}\u0000`,
				`${DEMO_ACCOUNT.email}.`,
				`\ufeff${DEMO_ACCOUNT.email.toUpperCase()}`,
			];
			for (const [index, variant] of variants.entries()) expectRateLimited(await login(variant, `Other#Pass${index}`));
			expectRateLimited(await login(variants[0], DEMO_ACCOUNT.password));
			expect(sandbox.stats().requests).toBe(0);
		});

		it('accents fold as in MySQL: víctim@, vïctim@ and victim@exámple.com share one lockout budget, 60 guesses reach Smartflo 5 times', async () => {
			start({ limits: { loginsPerEmail: { limit: 100, windowSeconds: 60 }, operationsPerIp: { limit: 1000, windowSeconds: 60 } } });
			const variants = [
				'victim@example.com',
				'v\u00edctim@example.com',
				'v\u00efctim@example.com',
				'victim@ex\u00e1mple.com',
				'vi\u0301ctim@example.com',
				'V\u00cdCTIM@EXAMPLE.COM',
			];
			const replies: GraphQLReply[] = [];
			for (let attempt = 0; attempt < 60; attempt++) replies.push(await login(variants[attempt % variants.length], `Wrong#Pass${attempt}`));
			expect(sandbox.stats().loginAttempts).toBe(5);
			for (const reply of replies.slice(5)) expectRateLimited(reply);
		});

		it('keeps separate budgets for separate emails', async () => {
			start({ limits: { loginsPerEmail: { limit: 1, windowSeconds: 60 } } });
			await login('first@example.in', 'x');
			expectRateLimited(await login('first@example.in', 'x'));
			expect((await login()).body.data.login.ok).toBe(true);
		});
	});

	describe('lockout protection', () => {
		it('30 attempts with the same wrong password reach Smartflo once', async () => {
			start();
			const codes: string[] = [];
			for (let attempt = 0; attempt < 30; attempt++)
				codes.push((await login(DEMO_ACCOUNT.email, 'Wrong#Pass1')).body.data.login.error.code);
			expect(sandbox.stats().loginAttempts).toBe(1);
			expect(sandbox.accountState(DEMO_ACCOUNT.email).loginFailedCount).toBe(1);
			expect(codes.slice(0, 10)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
			expect(codes.slice(10)).toEqual(Array(20).fill('RATE_LIMITED'));
		});

		it('30 different wrong passwords reach Smartflo at most the lockout budget (5) times', async () => {
			start({ limits: { loginsPerEmail: { limit: 100, windowSeconds: 60 } } });
			const replies: GraphQLReply[] = [];
			for (let attempt = 0; attempt < 30; attempt++) replies.push(await login(DEMO_ACCOUNT.email, `Wrong#Pass${attempt}`));
			expect(sandbox.stats().loginAttempts).toBe(5);
			expect(sandbox.accountState(DEMO_ACCOUNT.email).loginFailedCount).toBe(5);
			expectRateLimited(replies[5]);
			expect(Number(replies[5].headers.get('retry-after'))).toBeGreaterThan(60);
		});

		it('with the longest window there is (24 days), 20 different wrong passwords still reach Smartflo 5 times', async () => {
			// Node's timers, which end the in-memory windows, hold at most 2^31 − 1 ms: a longer window would end after 1 ms.
			start({
				limits: {
					loginsPerEmail: { limit: 100, windowSeconds: 60 },
					lockoutBudgetPerEmail: { limit: 5, windowSeconds: MAX_WINDOW_SECONDS },
				},
			});
			const replies: GraphQLReply[] = [];
			for (let attempt = 0; attempt < 20; attempt++) {
				replies.push(await login(DEMO_ACCOUNT.email, `Wrong#Pass${attempt}`));
				await sleep(5);
			}
			expect(sandbox.stats().loginAttempts).toBe(5);
			expectRateLimited(replies[19]);
			expect(Number(replies[19].headers.get('retry-after'))).toBeGreaterThan(MAX_WINDOW_SECONDS - 60);
		});

		it('concurrent different wrong passwords cannot overspend the lockout budget', async () => {
			start({ limits: { loginsPerEmail: { limit: 100, windowSeconds: 60 } } });
			sandbox.configure({ latencyMs: 50 });
			await Promise.all(Array.from({ length: 12 }, (_, attempt) => login(DEMO_ACCOUNT.email, `Wrong#Pass${attempt}`)));
			expect(sandbox.stats().loginAttempts).toBe(5);
		});

		it('the correct password still works after a wrong one was cached', async () => {
			start();
			await login(DEMO_ACCOUNT.email, 'Wrong#Pass1');
			expect((await login()).body.data.login.ok).toBe(true);
		});

		it('an unknown email ("Invalid credentials") is answered from memory too', async () => {
			start();
			for (let attempt = 0; attempt < 3; attempt++) {
				expect((await login('nobody@example.in', 'Wrong#Pass1')).body.data.login.error.code).toBe('INVALID_CREDENTIALS');
			}
			expect(sandbox.stats().loginAttempts).toBe(1);
		});
	});

	describe('what the rejection cache does not remember', () => {
		let locking: SandboxHandle;
		beforeAll(async () => {
			locking = await startSandbox({ lockAfterFailedLogins: 2 });
		});
		afterAll(() => locking.close());

		const unlockThroughAdminApi = async (email: string) => {
			const response = await fetch(`${locking.url}/__sandbox/accounts/${encodeURIComponent(email)}/unlock`, { method: 'POST' });
			expect(response.status).toBe(200);
		};

		it('a locked account: the right password is asked again once the account is unlocked', async () => {
			server = createGraphQLServer({ baseUrl: locking.url, upstreamRetries: 0, logger: { level: 'silent' } });
			await login(DEMO_ACCOUNT.email, 'Wrong#Pass1');
			await login(DEMO_ACCOUNT.email, 'Wrong#Pass2');
			expect(locking.accountState(DEMO_ACCOUNT.email).locked).toBe(true);
			const whileLocked = await login();
			expect(whileLocked.body.data.login).toMatchObject({
				ok: false,
				error: { code: 'INVALID_CREDENTIALS', message: expect.stringMatching(/locked/) },
			});

			await unlockThroughAdminApi(DEMO_ACCOUNT.email);
			const unlocked = await login();
			expect(unlocked.body.data.login.ok).toBe(true);
			expect(locking.stats().loginAttempts).toBe(4);
		});

		it.each([
			[400, { success: false, message: 'The request could not be processed.' }],
			[401, { success: false, message: 'Unauthenticated.' }],
			[403, { success: false, message: 'This IP address is not allowed.' }],
			[423, { success: false }],
			[401, 'not json'],
		])("a %i refusal without Smartflo's wrong-password wording (%j) is asked again", async (status, body) => {
			const upstream = await startFakeServer(() => ({ status, body }));
			try {
				server = createGraphQLServer({ baseUrl: upstream.url, upstreamRetries: 0, logger: { level: 'silent' } });
				expect((await login()).body.data.login.error.code).toBe('INVALID_CREDENTIALS');
				upstream.reply(() => ({
					status: 200,
					body: { success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 },
				}));
				expect((await login()).body.data.login.ok).toBe(true);
				expect(upstream.requests).toHaveLength(2);
			} finally {
				await upstream.close();
			}
		});
	});

	describe('single flight', () => {
		it('identical concurrent logins from separate requests share one upstream call', async () => {
			start();
			sandbox.configure({ latencyMs: 100 });
			const replies = await Promise.all(Array.from({ length: 5 }, () => login()));
			expect(sandbox.stats().loginAttempts).toBe(1);
			expect(new Set(replies.map((reply) => reply.body.data.login.token.accessToken)).size).toBe(1);
		});

		it('identical concurrent refreshes share one call, and a late duplicate gets the same new token', async () => {
			start();
			const token = sandbox.issueToken();
			sandbox.configure({ latencyMs: 100 });
			const replies = await Promise.all(Array.from({ length: 4 }, () => postGraphQL(server, REFRESH_MUTATION, { token })));
			const late = await postGraphQL(server, REFRESH_MUTATION, { token: `Bearer ${token}` });
			expect(sandbox.stats().refreshAttempts).toBe(1);
			const fresh = new Set([...replies, late].map((reply) => reply.body.data.refresh.token.accessToken));
			expect(fresh.size).toBe(1);
			expect(fresh.has(token)).toBe(false);
		});

		it('a rejected token is answered from memory when it comes again', async () => {
			start();
			const token = sandbox.issueToken();
			sandbox.revokeToken(token);
			for (let attempt = 0; attempt < 5; attempt++) {
				expect((await postGraphQL(server, REFRESH_MUTATION, { token })).body.data.refresh.error.code).toBe('TOKEN_REJECTED');
			}
			expect(sandbox.stats().refreshAttempts).toBe(1);
		});
	});

	describe('HTTP 429 only when nothing succeeded', () => {
		const TWO_REFRESHES = `mutation Two($good: String!, $bad: String!) {
			good: refresh(token: $good) { ok token { accessToken } error { code retryAfterSeconds } }
			bad: refresh(token: $bad) { ok token { accessToken } error { code retryAfterSeconds } }
		}`;

		it('a rate-limited alias next to a successful refresh: 200, the new token, and RATE_LIMITED as data', async () => {
			start({ limits: { operationsPerIp: { limit: 1, windowSeconds: 60 } } });
			const reply = await postGraphQL(server, TWO_REFRESHES, { good: sandbox.issueToken(), bad: 'junk.token.value' });
			expect(reply.status).toBe(200);
			expect(reply.headers.get('retry-after')).toBeNull();
			expect(reply.body.data.good).toMatchObject({ ok: true, token: { accessToken: expect.any(String) } });
			expect(reply.body.data.bad).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) } });
			expect(sandbox.stats().refreshAttempts).toBe(1);
		});

		it('every field rate-limited, or rate-limited next to another failure: 429 with Retry-After', async () => {
			start({ limits: { operationsPerIp: { limit: 1, windowSeconds: 60 } } });
			const revoked = sandbox.issueToken();
			sandbox.revokeToken(revoked);
			const mixed = await postGraphQL(server, TWO_REFRESHES, { good: revoked, bad: 'junk.token.value' });
			expect(mixed.status).toBe(429);
			expect(mixed.body.data.good.error.code).toBe('TOKEN_REJECTED');
			const limited = await postGraphQL(server, TWO_REFRESHES, { good: sandbox.issueToken(), bad: 'junk.token.value' });
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
			expect([limited.body.data.good.error.code, limited.body.data.bad.error.code]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
		});
	});

	describe('per client IP, over real HTTP', () => {
		let running: RunningServer;
		afterEach(() => running.shutdown());

		async function listening(options: GraphQLServerOptions) {
			running = await listen(start(options), { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1000 });
			return running.url;
		}

		it('limits login and refresh operations per IP across emails', async () => {
			const url = await listening({ limits: { operationsPerIp: { limit: 3, windowSeconds: 60 } } });
			await postOverHttp(url, LOGIN_MUTATION, { email: 'one@example.in', password: 'x' });
			await postOverHttp(url, LOGIN_MUTATION, { email: 'two@example.in', password: 'x' });
			await postOverHttp(url, REFRESH_MUTATION, { token: sandbox.issueToken() });
			expectRateLimited(await postOverHttp(url, LOGIN_MUTATION, { email: 'three@example.in', password: 'x' }));
			expectRateLimited(await postOverHttp(url, REFRESH_MUTATION, { token: sandbox.issueToken() }), 'refresh');
		});

		it('ignores X-Forwarded-For unless proxies are trusted, so clients cannot spoof their way around it', async () => {
			const url = await listening({ limits: { operationsPerIp: { limit: 1, windowSeconds: 60 } } });
			await postOverHttp(url, LOGIN_MUTATION, { email: 'one@example.in', password: 'x' }, { 'x-forwarded-for': '198.51.100.1' });
			expectRateLimited(
				await postOverHttp(url, LOGIN_MUTATION, { email: 'two@example.in', password: 'x' }, { 'x-forwarded-for': '198.51.100.2' }),
			);
		});

		it('with a trusted proxy, keys on the forwarded client address', async () => {
			const url = await listening({ trustedProxies: 1, limits: { operationsPerIp: { limit: 1, windowSeconds: 60 } } });
			await postOverHttp(url, LOGIN_MUTATION, { email: 'one@example.in', password: 'x' }, { 'x-forwarded-for': '198.51.100.1' });
			const other = await postOverHttp(
				url,
				LOGIN_MUTATION,
				{ email: 'two@example.in', password: 'x' },
				{ 'x-forwarded-for': '198.51.100.2' },
			);
			expect(other.status).toBe(200);
			expectRateLimited(
				await postOverHttp(
					url,
					LOGIN_MUTATION,
					{ email: 'three@example.in', password: 'x' },
					{ 'x-forwarded-for': '203.0.113.9, 198.51.100.1' },
				),
			);
		});

		it('with a trusted proxy that appends ports, each client keeps its own bucket', async () => {
			const url = await listening({ trustedProxies: 1, limits: { operationsPerIp: { limit: 1, windowSeconds: 60 } } });
			const first = await postOverHttp(
				url,
				LOGIN_MUTATION,
				{ email: 'one@example.in', password: 'x' },
				{ 'x-forwarded-for': '198.51.100.1:50123' },
			);
			const second = await postOverHttp(
				url,
				LOGIN_MUTATION,
				{ email: 'two@example.in', password: 'x' },
				{ 'x-forwarded-for': '[2001:db8::2]:443' },
			);
			expect([first.status, second.status]).toEqual([200, 200]);
			expectRateLimited(
				await postOverHttp(url, LOGIN_MUTATION, { email: 'three@example.in', password: 'x' }, { 'x-forwarded-for': '198.51.100.1:61000' }),
			);
		});
	});
});

describe('bounded memory', () => {
	const rejectingTransport: HttpTransport = {
		async request() {
			return { status: 401, headers: {}, body: JSON.stringify({ success: false, message: 'The username or password is incorrect.' }) };
		},
	};

	it('10,000 distinct emails from 10,000 addresses keep each limiter at its cap', async () => {
		const guard = new AuthGuard({
			client: new SmartfloAuthClient({ transport: rejectingTransport, retries: 0 }),
			limits: { maxTrackedKeys: 1000 },
		});
		for (let index = 0; index < 10_000; index++) {
			const caller = { ip: `10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`, requestMemo: new Map<string, Promise<TokenSet>>() };
			await guard.login({ email: `user${index}@example.in`, password: 'wrong' }, caller).catch(() => undefined);
		}
		expect(guard.trackedKeys()).toBeLessThanOrEqual(4 * 1000);
		expect(guard.trackedKeys()).toBeGreaterThanOrEqual(1000);
		// The most recent email is still remembered and still limited.
		const caller = { ip: '10.0.0.1', requestMemo: new Map<string, Promise<TokenSet>>() };
		await expect(guard.login({ email: 'user9999@example.in', password: 'wrong' }, caller)).rejects.toMatchObject({
			code: 'INVALID_CREDENTIALS',
		});
	});
});
