import { DEFAULT_RETRY_POLICY, SmartfloError, retryDelayMs } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';

const FAST = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterSeconds: 5 };
const OK: FakeReply = { status: 200, body: { success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 } };

describe('retries', () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(() => server.close());
	beforeEach(() => server.requests.splice(0));

	const client = (retries?: number, retryPolicy = FAST) =>
		new SmartfloAuthClient({ baseUrl: server.url, retries, retryPolicy, timeoutMs: 500 });
	const login = (retries?: number) => client(retries).login({ email: 'ops@example.in', password: 'pw' });
	const failFirst = (count: number, failure: FakeReply) => server.reply((_req, index) => (index < count ? failure : OK));

	it.each<[string, FakeReply]>([
		['a 503', { status: 503, body: {} }],
		['a 500', { status: 500, body: {} }],
		['an HTML error page', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>down</html>' }],
		['a dropped connection', { drop: true }],
		['a 429 without Retry-After', { status: 429, body: {} }],
	])('retries %s and succeeds', async (_name, failure) => {
		failFirst(2, failure);
		await expect(login(2)).resolves.toMatchObject({ expiresIn: 3600 });
		expect(server.requests).toHaveLength(3);
	});

	it('gives up after the configured number of retries with the last error', async () => {
		server.reply(() => ({ status: 503, body: {} }));
		await expect(login(3)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
		expect(server.requests).toHaveLength(4);
	});

	it('retries twice by default', async () => {
		server.reply(() => ({ status: 502, body: {} }));
		await expect(login()).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
		expect(server.requests).toHaveLength(3);
	});

	it('retries: 0 disables retries', async () => {
		failFirst(1, { status: 503, body: {} });
		await expect(login(0)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
		expect(server.requests).toHaveLength(1);
	});

	it.each<[string, FakeReply, string]>([
		[
			'a rejected login (401)',
			{ status: 401, body: { success: false, message: 'The username or password is incorrect.', login_failed_count: 1 } },
			'INVALID_CREDENTIALS',
		],
		['a rejected login (200)', { status: 200, body: { success: false, message: 'Invalid credentials' } }, 'INVALID_CREDENTIALS'],
		['a bad response', { status: 200, body: '{"success":tr' }, 'BAD_RESPONSE'],
		['a timeout', { hang: true }, 'TIMEOUT'],
	])('sends %s exactly once', async (_name, reply, code) => {
		server.reply(() => reply);
		await expect(login(5)).rejects.toMatchObject({ code });
		expect(server.requests).toHaveLength(1);
	});

	it('sends a rejected refresh exactly once', async () => {
		server.reply(() => ({ status: 401, body: { success: false, message: 'Deleted or blacklisted token provided' } }));
		await expect(client(5).refresh(jwtExpiringIn(60))).rejects.toMatchObject({ code: 'TOKEN_REJECTED' });
		expect(server.requests).toHaveLength(1);
	});

	it('waits at least Retry-After seconds before retrying a 429', async () => {
		failFirst(1, { status: 429, headers: { 'retry-after': '1' }, body: {} });
		await expect(login(1)).resolves.toBeDefined();
		expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
	});

	it('honours Retry-After given as an HTTP date', async () => {
		failFirst(1, { status: 429, headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }, body: {} });
		await expect(login(1)).resolves.toBeDefined();
		// HTTP dates have one-second resolution: at least one full second must have passed.
		expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
	});

	it('does not wait for a Retry-After beyond the cap: the caller gets RATE_LIMITED at once', async () => {
		server.reply(() => ({ status: 429, headers: { 'retry-after': '3600' }, body: {} }));
		await expect(login(3)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
		expect(server.requests).toHaveLength(1);
	});
});

describe('retryDelayMs', () => {
	const upstream = new SmartfloError('UPSTREAM_ERROR', 'x', { status: 503 });

	it('is jittered: the delay is a random share of the backoff step', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 10_000 };
		expect(retryDelayMs(upstream, 2, policy, () => 0)).toBe(0);
		expect(retryDelayMs(upstream, 2, policy, () => 0.5)).toBe(200);
		expect(retryDelayMs(upstream, 2, policy, () => 0.999)).toBe(399);
	});

	it('grows exponentially and is capped', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
		const top = (attempt: number) => retryDelayMs(upstream, attempt, policy, () => 0.9999);
		expect(top(0)).toBe(99);
		expect(top(1)).toBe(199);
		expect(top(3)).toBe(799);
		expect(top(10)).toBe(999);
	});

	it('spreads many callers over the window', () => {
		const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(upstream, 3, DEFAULT_RETRY_POLICY)));
		expect(delays.size).toBeGreaterThan(10);
	});

	it('never retries a 429 earlier than Retry-After, and refuses one beyond the cap', () => {
		const limited = (seconds: number) => new SmartfloError('RATE_LIMITED', 'x', { status: 429, retryAfterSeconds: seconds });
		expect(retryDelayMs(limited(4), 0, DEFAULT_RETRY_POLICY, () => 0)).toBe(4_000);
		expect(retryDelayMs(limited(4), 0, DEFAULT_RETRY_POLICY, () => 0.99)).toBeLessThan(4_000 + DEFAULT_RETRY_POLICY.baseDelayMs);
		expect(retryDelayMs(limited(DEFAULT_RETRY_POLICY.maxRetryAfterSeconds + 1), 0, DEFAULT_RETRY_POLICY)).toBeNull();
	});
});
