import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { login, loginToken, request } from './helpers';

describe('stats', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	beforeEach(() => sandbox.resetStats());
	afterAll(() => sandbox.close());

	it('counts login attempts, successes and credential failures', async () => {
		await login(sandbox.url);
		await login(sandbox.url, 'demo@smartflo.test', 'wrong');
		await login(sandbox.url, 'nobody@smartflo.test', 'x');
		await request(sandbox.url, '/v1/auth/login', { body: {} });
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 4, logins: 1, failedLogins: 2, apiRequests: 0, requests: 4 });
	});

	it('counts refresh attempts and successful refreshes', async () => {
		const token = await loginToken(sandbox.url);
		await request(sandbox.url, '/v1/auth/refresh', { method: 'POST', token });
		await request(sandbox.url, '/v1/auth/refresh', { method: 'POST', token });
		await request(sandbox.url, '/v1/auth/refresh', { method: 'POST' });
		expect(sandbox.stats()).toMatchObject({ refreshAttempts: 3, refreshes: 1, rejectedTokens: 2, logins: 1 });
	});

	it('counts every other /v1 request as an API request, rejected and unknown ones included', async () => {
		const token = sandbox.issueToken({});
		await request(sandbox.url, '/v1/users', { token });
		await request(sandbox.url, '/v1/users', { token: 'garbled' });
		await request(sandbox.url, '/v1/no_such_thing', { token });
		await request(sandbox.url, '/v1/click_to_call_support', { body: {} });
		const stats = sandbox.stats();
		expect(stats).toMatchObject({ apiRequests: 4, rejectedTokens: 1, loginAttempts: 0 });
		expect(stats.byPath).toEqual({ 'GET /v1/users': 2, unmatched: 1, 'POST /v1/click_to_call_support': 1 });
		expect(stats.byStatus).toEqual({ 200: 1, 401: 1, 404: 1, 422: 1 });
	});

	it('does not count requests outside /v1 as API requests', async () => {
		await request(sandbox.url, '/');
		expect(sandbox.stats()).toMatchObject({ requests: 1, apiRequests: 0, byPath: { unmatched: 1 } });
	});

	it('returns a snapshot that later requests do not change', async () => {
		const snapshot = sandbox.stats();
		await login(sandbox.url);
		expect(snapshot.logins).toBe(0);
		expect(snapshot.byPath).toEqual({});
		expect(sandbox.stats().logins).toBe(1);
	});
});
