import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { loginToken, request } from './helpers';

describe('fault injection', () => {
	let sandbox: SandboxHandle;
	let token: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		token = sandbox.issueToken({ kind: 'permanent' });
	});
	afterEach(() => sandbox.clearFaults());
	afterAll(() => sandbox.close());

	const myNumber = () => request(sandbox.url, '/v1/my_number', { token });

	it('rateLimit: 429 with the Retry-After header exactly as given, once by default', async () => {
		sandbox.injectFault({ type: 'rateLimit', retryAfter: '2' });
		const limited = await myNumber();
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ message: 'Too Many Requests' });
		expect(limited.headers.get('retry-after')).toBe('2');
		expect((await myNumber()).status).toBe(200);
	});

	it('rateLimit: an HTTP-date Retry-After, or none at all', async () => {
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		sandbox.injectFault({ type: 'rateLimit', retryAfter: date });
		sandbox.injectFault({ type: 'rateLimit' });
		expect((await myNumber()).headers.get('retry-after')).toBe(date);
		const bare = await myNumber();
		expect(bare.status).toBe(429);
		expect(bare.headers.get('retry-after')).toBeNull();
	});

	it.each([
		[undefined, 500, 'Internal server error'],
		[500, 500, 'Internal server error'],
		[502, 502, 'Bad Gateway'],
		[503, 503, 'Service Unavailable'],
		[504, 504, 'Endpoint request timed out'],
	] as const)('serverError %p: HTTP %p with a JSON message', async (status, expected, message) => {
		sandbox.injectFault(status === undefined ? { type: 'serverError' } : { type: 'serverError', status });
		const response = await myNumber();
		expect(response.status).toBe(expected);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.body).toEqual({ message });
	});

	it('html: a load-balancer error page, 502 by default', async () => {
		sandbox.injectFault({ type: 'html' });
		const response = await myNumber();
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(response.text).toContain('<title>502 Bad Gateway</title>');
		expect(response.body).toBeUndefined();
	});

	it('html: also with HTTP 200, which clients must not take for JSON', async () => {
		sandbox.injectFault({ type: 'html', status: 200 });
		const response = await myNumber();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(response.text).toMatch(/^<html>/);
	});

	it('truncatedJson: the real body cut in half, still labelled JSON', async () => {
		const whole = (await myNumber()).text;
		sandbox.injectFault({ type: 'truncatedJson' });
		const response = await myNumber();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
		expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
	});

	it('truncatedJson on a login still issues the token server-side, with the status given', async () => {
		sandbox.resetStats();
		sandbox.injectFault({ type: 'truncatedJson', status: 201, match: 'auth' });
		const response = await request(sandbox.url, '/v1/auth/login', { body: { email: 'demo@smartflo.test', password: 'Demo@Pass123' } });
		expect(response.status).toBe(201);
		expect(response.text.startsWith('{"success":true')).toBe(true);
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, logins: 1, faultsApplied: 1 });
	});

	it('unauthorized: a forced 401 "Token has expired" on a valid token, or a given message', async () => {
		sandbox.injectFault({ type: 'unauthorized', match: 'api' });
		sandbox.injectFault({ type: 'unauthorized', match: 'api', message: 'Deleted or blacklisted token provided' });
		const expired = await myNumber();
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({ message: 'Token has expired' });
		const custom = await myNumber();
		expect(custom.status).toBe(401);
		expect(custom.body.message).toBe('Deleted or blacklisted token provided');
		expect((await myNumber()).status).toBe(200);
	});

	it('unauthorized with status 403: the refusal some Smartflo gateways answer; other statuses are refused', async () => {
		sandbox.injectFault({ type: 'unauthorized', status: 403, match: 'api' });
		const refused = await myNumber();
		expect(refused.status).toBe(403);
		expect(refused.body).toEqual({ message: 'Token has expired' });
		expect((await myNumber()).status).toBe(200);
		expect(() => sandbox.injectFault({ type: 'unauthorized', status: 500 } as never)).toThrow('unauthorized status must be 401 or 403');
	});

	it('latency: delays the response by at least the given time', async () => {
		sandbox.injectFault({ type: 'latency', ms: 150 });
		const started = Date.now();
		const response = await myNumber();
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
	});

	it('global latency from configure() applies to every response, admin calls excepted', async () => {
		sandbox.configure({ latencyMs: 120 });
		try {
			let started = Date.now();
			await myNumber();
			expect(Date.now() - started).toBeGreaterThanOrEqual(115);
			started = Date.now();
			await request(sandbox.url, '/__sandbox/stats');
			expect(Date.now() - started).toBeLessThan(100);
		} finally {
			sandbox.configure({ latencyMs: 0 });
		}
	});

	it('drop: the connection is destroyed without an answer', async () => {
		sandbox.injectFault({ type: 'drop' });
		await expect(myNumber()).rejects.toMatchObject({ message: 'fetch failed' });
		expect((await myNumber()).status).toBe(200);
	});

	it('hang: no answer ever comes, the client times out, and the sandbox keeps serving', async () => {
		sandbox.injectFault({ type: 'hang' });
		const hung = fetch(new URL('/v1/my_number', sandbox.url), {
			headers: { Authorization: `Bearer ${token}` },
			signal: AbortSignal.timeout(300),
		});
		await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
		expect((await myNumber()).status).toBe(200);
	});

	it("match 'auth' hits only /v1/auth/*, 'api' only the other /v1 paths", async () => {
		sandbox.injectFault({ type: 'serverError', match: 'auth' });
		expect((await myNumber()).status).toBe(200);
		expect((await request(sandbox.url, '/v1/auth/refresh', { method: 'POST', token: sandbox.issueToken({}) })).status).toBe(500);

		sandbox.injectFault({ type: 'serverError', match: 'api' });
		expect((await loginToken(sandbox.url)).length).toBeGreaterThan(0);
		expect((await myNumber()).status).toBe(500);
	});

	it('match by path prefix', async () => {
		sandbox.injectFault({ type: 'serverError', status: 503, match: '/v1/users' });
		expect((await myNumber()).status).toBe(200);
		expect((await request(sandbox.url, '/v1/users', { token })).status).toBe(503);
	});

	it('times: affects that many matching requests; Infinity until cleared', async () => {
		sandbox.injectFault({ type: 'rateLimit', times: 3 });
		const statuses = [];
		for (let index = 0; index < 4; index++) statuses.push((await myNumber()).status);
		expect(statuses).toEqual([429, 429, 429, 200]);

		sandbox.injectFault({ type: 'rateLimit', times: Infinity });
		for (let index = 0; index < 5; index++) expect((await myNumber()).status).toBe(429);
		sandbox.clearFaults();
		expect((await myNumber()).status).toBe(200);
	});

	it('queues rules: the first matching rule is used up before the next', async () => {
		sandbox.injectFault({ type: 'serverError', status: 502 });
		sandbox.injectFault({ type: 'rateLimit' });
		expect((await myNumber()).status).toBe(502);
		expect((await myNumber()).status).toBe(429);
		expect((await myNumber()).status).toBe(200);
	});

	it('counts a faulted request as what it aimed at, but decides no outcome', async () => {
		sandbox.resetStats();
		sandbox.injectFault({ type: 'serverError', times: 2 });
		await request(sandbox.url, '/v1/auth/login', { body: { email: 'demo@smartflo.test', password: 'wrong' } });
		await myNumber();
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, logins: 0, failedLogins: 0, apiRequests: 1, faultsApplied: 2 });
		expect(sandbox.accountState('demo@smartflo.test').loginFailedCount).toBe(0);
	});

	it.each([
		[{ type: 'explode' }, /Unknown fault type/],
		[{ type: 'latency' }, /latency ms/],
		[{ type: 'serverError', status: 418 }, /500, 502, 503 or 504/],
		[{ type: 'html', status: 99 }, /HTTP status/],
		[{ type: 'drop', times: 0 }, /positive integer/],
		[{ type: 'drop', match: 'v1/users' }, /path prefix/],
		[{ type: 'rateLimit', retryAfter: '2\r\nX-Evil: 1' }, /printable string/],
		[{ type: 'rateLimit', retryAfter: { seconds: 2 } }, /printable string/],
	])('rejects the invalid fault %p', (fault, message) => {
		expect(() => sandbox.injectFault(fault as never)).toThrow(message);
	});
});

describe('hung requests at shutdown', () => {
	it('close() destroys a hung connection and resolves promptly', async () => {
		const sandbox = await startSandbox();
		sandbox.injectFault({ type: 'hang' });
		const hung = fetch(new URL('/v1/my_number', sandbox.url)).then(
			() => 'answered',
			() => 'failed',
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await sandbox.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await hung).toBe('failed');
	});

	it('close() does not wait for a pending latency delay', async () => {
		const sandbox = await startSandbox({ latencyMs: 10_000 });
		const pending = fetch(new URL('/v1/my_number', sandbox.url)).then(
			() => 'answered',
			() => 'failed',
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await sandbox.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toBe('failed');
	});
});
