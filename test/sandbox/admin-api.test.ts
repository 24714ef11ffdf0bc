import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { decodeJwt, login, request } from './helpers';

describe('admin HTTP API (/__sandbox/*)', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox({ lockAfterFailedLogins: 2 });
	});
	afterEach(() => sandbox.clearFaults());
	afterAll(() => sandbox.close());

	const admin = (path: string, options: { method?: string; body?: unknown } = {}) => request(sandbox.url, `/__sandbox${path}`, options);
	const myNumber = (token: string) => request(sandbox.url, '/v1/my_number', { token });

	it('GET /stats and POST /stats/reset, neither of them counted', async () => {
		await login(sandbox.url);
		const stats = await admin('/stats');
		expect(stats.status).toBe(200);
		expect(stats.body).toMatchObject({ loginAttempts: 1, logins: 1, requests: 1 });
		expect((await admin('/stats/reset', { method: 'POST' })).body).toEqual({ ok: true });
		expect((await admin('/stats')).body).toMatchObject({ requests: 0, logins: 0, byPath: {} });
	});

	it('POST /faults queues a fault from JSON, GET lists it, DELETE clears', async () => {
		const queued = await admin('/faults', { body: { type: 'rateLimit', retryAfter: '5', match: 'api', times: 2 } });
		expect(queued.body).toEqual({ ok: true, faults: [{ type: 'rateLimit', match: 'api', remaining: 2 }] });
		const token = sandbox.issueToken({});
		const limited = await myNumber(token);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('5');
		expect((await admin('/faults')).body.faults).toEqual([{ type: 'rateLimit', match: 'api', remaining: 1 }]);
		expect((await admin('/faults', { method: 'DELETE' })).body).toEqual({ ok: true });
		expect(sandbox.listFaults()).toEqual([]);
		expect((await myNumber(token)).status).toBe(200);
	});

	it.each([null, -1])('POST /faults with times %p means until cleared', async (times) => {
		await admin('/faults', { body: { type: 'serverError', times } });
		expect((await admin('/faults')).body.faults).toEqual([{ type: 'serverError', match: 'all', remaining: null }]);
		const token = sandbox.issueToken({});
		for (let index = 0; index < 3; index++) expect((await myNumber(token)).status).toBe(500);
	});

	it('is itself never affected by faults', async () => {
		sandbox.injectFault({ type: 'drop', times: Infinity });
		expect((await admin('/stats')).status).toBe(200);
		sandbox.injectFault({ type: 'hang', times: Infinity, match: '/__sandbox' });
		expect((await admin('/config')).status).toBe(200);
	});

	it('answers an invalid fault or a non-JSON body with 400', async () => {
		const bad = await admin('/faults', { body: { type: 'meteor' } });
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/Unknown fault type/);
		const garbage = await admin('/faults', { method: 'POST', body: 'not json' });
		expect(garbage.status).toBe(400);
		expect(garbage.body).toEqual({ message: 'The body must be JSON' });
	});

	it('POST /config patches the runtime configuration and answers the result', async () => {
		const response = await admin('/config', { body: { maxPageSize: 3 } });
		expect(response.body).toEqual({ tokenTtlSeconds: 3600, latencyMs: 0, maxPageSize: 3 });
		expect((await admin('/config')).body).toEqual(sandbox.getConfig());
		const token = sandbox.issueToken({});
		const users = await request(sandbox.url, '/v1/users', { token, query: { limit: 50 } });
		expect(users.body.count).toBe(3);
		expect((await admin('/config', { body: { maxPageSize: 0 } })).status).toBe(400);
		expect((await admin('/config', { body: { maxPageSize: 100, tokenTtlSeconds: 120 } })).body.tokenTtlSeconds).toBe(120);
		expect((await login(sandbox.url)).body.expires_in).toBe(120);
		await admin('/config', { body: { tokenTtlSeconds: 3600 } });
	});

	it.each([
		[{ latencyMs: 1e12 }, 'latencyMs must be an integer between 0 and 600000, got 1000000000000'],
		[{ tokenTtlSeconds: 1e300 }, 'tokenTtlSeconds must be an integer between 1 and 315360000, got 1e+300'],
		[{ latencyMs: 2.5 }, 'latencyMs must be an integer between 0 and 600000, got 2.5'],
		[{ maxPageSize: 'fifty' }, 'maxPageSize must be an integer between 1 and 10000, got "fifty"'],
	])('POST /config refuses %j with a 400 naming the bounds the CLI flags have, and changes nothing', async (patch, message) => {
		const before = sandbox.getConfig();
		const response = await admin('/config', { body: patch });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({ message });
		expect(sandbox.getConfig()).toEqual(before);
	});

	it('POST /tokens mints tokens of each kind', async () => {
		const minted = await admin('/tokens', { body: { kind: 'api-connect' } });
		expect(minted.status).toBe(200);
		expect(decodeJwt(minted.body.token).claims.cr).toBe(false);
		expect((await myNumber(minted.body.token)).status).toBe(200);
		const short = await admin('/tokens', { body: { ttlSeconds: 30 } });
		const { claims } = decodeJwt(short.body.token);
		expect(claims.exp - claims.iat).toBe(30);
		expect((await admin('/tokens', { body: { email: 'ghost@smartflo.test' } })).status).toBe(404);
		expect((await admin('/tokens', { body: { kind: 'eternal' } })).status).toBe(400);
	});

	it('POST /tokens/revoke revokes one token, or all', async () => {
		const one = sandbox.issueToken({});
		const two = sandbox.issueToken({});
		expect((await admin('/tokens/revoke', { body: { token: one } })).body).toEqual({ ok: true });
		expect((await myNumber(one)).status).toBe(401);
		expect((await myNumber(two)).status).toBe(200);
		await admin('/tokens/revoke', { body: { all: true } });
		expect((await myNumber(two)).body.message).toBe('Deleted or blacklisted token provided');
		expect((await admin('/tokens/revoke', { body: {} })).status).toBe(400);
	});

	it('POST /tokens/expire-all expires every token issued so far', async () => {
		const token = sandbox.issueToken({ kind: 'permanent' });
		expect((await admin('/tokens/expire-all', { method: 'POST' })).body).toEqual({ ok: true });
		expect((await myNumber(token)).body).toEqual({ message: 'Token has expired' });
	});

	it('GET /accounts/{email} shows the lock state; POST /accounts/{email}/unlock clears it', async () => {
		await login(sandbox.url, 'demo@smartflo.test', 'bad');
		await login(sandbox.url, 'demo@smartflo.test', 'bad');
		expect((await admin('/accounts/demo%40smartflo.test')).body).toEqual({ loginFailedCount: 2, locked: true });
		expect((await admin('/accounts/demo@smartflo.test/unlock', { method: 'POST' })).body).toEqual({ ok: true });
		expect((await admin('/accounts/demo@smartflo.test')).body).toEqual({ loginFailedCount: 0, locked: false });
		expect((await admin('/accounts/ghost@smartflo.test')).status).toBe(404);
	});

	it('answers unknown admin paths with 404 and wrong methods with 405, and is not counted', async () => {
		sandbox.resetStats();
		expect((await admin('/nothing')).status).toBe(404);
		expect((await admin('/stats', { method: 'DELETE' })).status).toBe(405);
		expect(sandbox.stats().requests).toBe(0);
	});
});
