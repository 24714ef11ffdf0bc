import { SmartfloError } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { closedPortUrl, startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { transports } from '../helpers/transports';

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

describe.each(transports)('error codes over the %s', (_name, createTransport) => {
	let server: FakeServer;
	const transport = createTransport();
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(async () => {
		await transport.close?.();
		await server.close();
	});

	const login = (overrides: { baseUrl?: string; timeoutMs?: number } = {}) =>
		new SmartfloAuthClient({ baseUrl: server.url, retries: 0, transport, ...overrides }).login({ email: 'ops@example.in', password: 'pw' });

	async function codeFor(reply: FakeReply) {
		server.reply(() => reply);
		const error = await login().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SmartfloError);
		return error as SmartfloError;
	}

	it('429 with Retry-After in seconds → RATE_LIMITED with retryAfterSeconds', async () => {
		const error = await codeFor({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Requests' } });
		expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 7 });
	});

	it('429 with Retry-After as an HTTP date → RATE_LIMITED with the seconds until then', async () => {
		const at = new Date(Date.now() + 120_000).toUTCString();
		const error = await codeFor({ status: 429, headers: { 'retry-after': at }, body: { message: 'Too Many Requests' } });
		expect(error.code).toBe('RATE_LIMITED');
		expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(118);
		expect(error.retryAfterSeconds).toBeLessThanOrEqual(121);
	});

	it('429 without Retry-After → RATE_LIMITED without a delay', async () => {
		const error = await codeFor({ status: 429, body: { message: 'Too Many Requests' } });
		expect(error.code).toBe('RATE_LIMITED');
		expect(error.retryAfterSeconds).toBeUndefined();
	});

	it.each([500, 502, 503, 504])('HTTP %i → UPSTREAM_ERROR', async (status) => {
		const error = await codeFor({ status, body: { message: 'Internal server error' } });
		expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', status });
	});

	it.each([502, 200])('an HTML error page with HTTP %i → UPSTREAM_ERROR', async (status) => {
		const error = await codeFor({ status, headers: { 'content-type': 'text/html' }, body: HTML_PAGE });
		expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', status });
		expect(error.message).toMatch(/HTML/);
		expect(error.message).not.toContain('Bad Gateway</');
	});

	it('an HTML page labelled as JSON → UPSTREAM_ERROR', async () => {
		const error = await codeFor({ status: 200, body: HTML_PAGE });
		expect(error.code).toBe('UPSTREAM_ERROR');
	});

	it('truncated JSON → BAD_RESPONSE', async () => {
		const full = JSON.stringify({ success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 });
		const error = await codeFor({ status: 200, body: full.slice(0, full.length / 2) });
		expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
	});

	it.each([
		['an empty body', ''],
		['a JSON array', '[]'],
		['JSON null', 'null'],
		['an access_token of the wrong type', JSON.stringify({ success: true, access_token: 12345 })],
	])('%s on a 2xx → BAD_RESPONSE', async (_name, body) => {
		const error = await codeFor({ status: 200, body });
		expect(error.code).toBe('BAD_RESPONSE');
	});

	it('a 2xx without access_token → BAD_RESPONSE', async () => {
		const error = await codeFor({ status: 200, body: { success: true, message: 'ok' } });
		expect(error.code).toBe('BAD_RESPONSE');
	});

	it('an unexpected 404 → BAD_RESPONSE that points at the base URL', async () => {
		const error = await codeFor({ status: 404, body: { message: 'Not Found' } });
		expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 404 });
		expect(error.message).toMatch(/base URL/);
	});

	it('no answer within timeoutMs → TIMEOUT', async () => {
		server.reply(() => ({ hang: true }));
		const started = Date.now();
		const error = await login({ timeoutMs: 300 }).catch((e) => e);
		expect(error).toMatchObject({ code: 'TIMEOUT' });
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('a connection reset without an answer → NETWORK_ERROR', async () => {
		const error = await codeFor({ drop: true });
		expect(error.code).toBe('NETWORK_ERROR');
	});

	it('connection refused → NETWORK_ERROR naming the base URL', async () => {
		const baseUrl = await closedPortUrl();
		const error = await login({ baseUrl }).catch((e) => e);
		expect(error).toMatchObject({ code: 'NETWORK_ERROR', systemCode: 'ECONNREFUSED' });
		expect(error.message).toContain(baseUrl);
		expect(error.message).toContain('ECONNREFUSED');
	});
});

describe('response size cap', () => {
	it.each(transports)('the %s refuses a huge response as BAD_RESPONSE', async (_name, createTransport) => {
		const server = await startFakeServer(() => ({
			status: 200,
			body: JSON.stringify({ success: true, padding: 'x'.repeat(3 * 1024 * 1024) }),
		}));
		const transport = createTransport();
		try {
			const error = await new SmartfloAuthClient({ baseUrl: server.url, retries: 0, transport })
				.login({ email: 'ops@example.in', password: 'pw' })
				.catch((e) => e);
			expect(error).toMatchObject({ code: 'BAD_RESPONSE' });
		} finally {
			await transport.close?.();
			await server.close();
		}
	});
});

describe('base URL', () => {
	it.each([
		['ftp://example.com', 'INVALID_INPUT'],
		['not a url', 'INVALID_INPUT'],
	])('refuses %s', (baseUrl, code) => {
		expect(() => new SmartfloAuthClient({ baseUrl })).toThrow(expect.objectContaining({ code }));
	});

	it('drops a trailing slash, a pasted /v1 and any userinfo', () => {
		expect(new SmartfloAuthClient({ baseUrl: 'https://user:pw@api.example.com/v1/' }).baseUrl).toBe('https://api.example.com');
	});
});
