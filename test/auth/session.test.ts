import { SmartfloError, TokenSession, decodeToken } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { createUndiciTransport } from '../../graphql/runtime/undici-transport';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';

describe('TokenSession against the sandbox', () => {
	let sandbox: SandboxHandle;
	const transport = createUndiciTransport({ connections: 64 });
	beforeAll(async () => {
		sandbox = await startSandbox({ tokenTtlSeconds: 3600 });
	});
	afterAll(async () => {
		await transport.close();
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.configure({ tokenTtlSeconds: 3600 });
		sandbox.resetStats();
	});

	const client = () => new SmartfloAuthClient({ baseUrl: sandbox.url, transport, retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 } });
	const session = (options = {}) => new TokenSession({ client: client(), ...DEMO_ACCOUNT }, options);

	it('500 concurrent getToken() on a cold session make exactly one login and share its token', async () => {
		const cold = session();
		const tokens = await Promise.all(Array.from({ length: 500 }, () => cold.getToken()));
		expect(new Set(tokens).size).toBe(1);
		expect(sandbox.stats().logins).toBe(1);
		expect(sandbox.stats().refreshes).toBe(0);
	});

	it('serves the cached token while it is fresh', async () => {
		const warm = session();
		const first = await warm.getToken();
		for (let i = 0; i < 20; i++) expect(await warm.getToken()).toBe(first);
		expect(sandbox.stats().logins).toBe(1);
	});

	it('renews a token inside refreshBeforeSeconds of its expiry by refreshing it', async () => {
		let now = Date.now();
		const clocked = session({ refreshBeforeSeconds: 300, now: () => now });
		const first = await clocked.getToken();
		now = decodeToken(first)!.expiresAt! - 299_000;
		const second = await clocked.getToken();
		expect(second).not.toBe(first);
		expect(sandbox.stats()).toMatchObject({ logins: 1, refreshes: 1 });
		now = Date.now();
		expect(await clocked.getToken()).toBe(second);
	});

	it('logs in again when the refresh is rejected', async () => {
		let now = Date.now();
		const clocked = session({ now: () => now });
		const first = await clocked.getToken();
		sandbox.revokeToken(first);
		now += 3_500_000;
		const second = await clocked.getToken();
		expect(second).not.toBe(first);
		expect(sandbox.stats()).toMatchObject({ logins: 2, refreshes: 0 });
	});

	it('logs in again when the token expired before it was refreshed', async () => {
		const expiring = session();
		await expiring.getToken();
		sandbox.expireAllTokens();
		expiring.invalidate();
		await expiring.getToken();
		expect(sandbox.stats().logins).toBe(2);
	});

	it('invalidate() forces a renewal on the next call, and concurrent renewals collapse into one', async () => {
		const s = session();
		const first = await s.getToken();
		s.invalidate();
		const renewed = await Promise.all(Array.from({ length: 50 }, () => s.getToken()));
		expect(new Set(renewed).size).toBe(1);
		expect(renewed[0]).not.toBe(first);
		expect(sandbox.stats().logins + sandbox.stats().refreshes).toBe(2);
	});

	it('ignores a late refusal of a token that was already replaced', async () => {
		const s = session();
		const first = await s.getToken();
		s.invalidate();
		const second = await s.getToken();
		s.invalidate(first);
		expect(await s.getToken()).toBe(second);
		expect(sandbox.stats().logins + sandbox.stats().refreshes).toBe(2);
	});

	it('keeps a short-lived token for half its lifetime instead of renewing on every call', async () => {
		sandbox.configure({ tokenTtlSeconds: 60 });
		const s = session({ refreshBeforeSeconds: 300 });
		const first = await s.getToken();
		expect(await s.getToken()).toBe(first);
		expect(sandbox.stats().logins).toBe(1);
	});

	it('a failed login does not poison later calls', async () => {
		sandbox.injectFault({ type: 'serverError', status: 503, times: 3, match: 'auth' });
		const s = session();
		await expect(s.getToken()).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
		await expect(s.getToken()).resolves.toEqual(expect.any(String));
		expect(sandbox.stats().logins).toBe(1);
	});

	it('a rejected password fails every concurrent caller with one upstream attempt', async () => {
		const wrong = new TokenSession({ client: client(), email: DEMO_ACCOUNT.email, password: 'not-the-password' });
		const results = await Promise.allSettled(Array.from({ length: 20 }, () => wrong.getToken()));
		expect(results.every((r) => r.status === 'rejected' && (r.reason as SmartfloError).code === 'INVALID_CREDENTIALS')).toBe(true);
		expect(sandbox.stats().failedLogins).toBe(1);
	});

	it('keeps serving a still-valid token while Smartflo is briefly down', async () => {
		let now = Date.now();
		const s = session({ now: () => now });
		const first = await s.getToken();
		now = decodeToken(first)!.expiresAt! - 120_000;
		sandbox.injectFault({ type: 'serverError', status: 503, times: 10, match: 'auth' });
		expect(await s.getToken()).toBe(first);
	});

	it('uses a static token as it is, normalised, and never logs in', async () => {
		const permanent = sandbox.issueToken({ kind: 'permanent' });
		const s = new TokenSession({ client: client(), token: `  Bearer ${permanent} ` });
		expect(await Promise.all([s.getToken(), s.getToken()])).toEqual([permanent, permanent]);
		s.invalidate(permanent);
		expect(await s.getToken()).toBe(permanent);
		expect(sandbox.stats()).toMatchObject({ logins: 0, refreshes: 0 });
	});
});

describe('TokenSession without the sandbox', () => {
	it('refuses an expired static token without a request', async () => {
		const server = await startFakeServer(() => ({ status: 500, body: {} }));
		try {
			const s = new TokenSession({ client: new SmartfloAuthClient({ baseUrl: server.url }), token: jwtExpiringIn(-3600) });
			await expect(s.getToken()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
			await expect(new TokenSession({ client: new SmartfloAuthClient(), token: '' }).getToken()).rejects.toMatchObject({
				code: 'INVALID_INPUT',
			});
			expect(server.requests).toHaveLength(0);
		} finally {
			await server.close();
		}
	});
});
