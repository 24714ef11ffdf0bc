import { Agent } from 'node:http';

import { DEMO_ACCOUNT } from '../../sandbox/index';
import { LOGIN_MUTATION, REFRESH_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';
import { unsignedJwt } from '../helpers/jwt';
import { startLoopbackStack, type LoopbackStack } from '../helpers/loopback-stack';
import { JSON_HEADERS, jsonBody, sendRaw, type RawReply } from '../helpers/raw-http';
import { auditReply } from '../helpers/reply-audit';

const MEBIBYTE = 1024 * 1024;

function expectAudited(reply: RawReply, statuses: number[], secrets: string[] = []) {
	expect(
		auditReply(
			{ status: reply.status, text: reply.text, retryAfter: reply.headers['retry-after'] as string | undefined },
			{ statuses: new Set(statuses), secrets },
		),
	).toEqual([]);
}

/** A JWT-shaped token of about `bytes` bytes, whose payload is readable JSON with an expiry. */
function hugeToken(bytes: number): string {
	return unsignedJwt({ exp: Math.floor(Date.now() / 1000) + 600, padding: 'p'.repeat(Math.floor((bytes * 3) / 4)) });
}

describe('oversized and odd bodies over real HTTP', () => {
	let stack: LoopbackStack;

	beforeAll(async () => {
		stack = await startLoopbackStack();
	});
	afterAll(() => stack.close());
	beforeEach(() => stack.sandbox.resetStats());
	afterEach(async () => expect(await stack.health()).toBe(200));

	it('a 1 MB body with Content-Length is answered 413 without reaching Smartflo', async () => {
		const body = jsonBody(LOGIN_MUTATION, { email: DEMO_ACCOUNT.email, password: 'x'.repeat(MEBIBYTE) });
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
		expect(reply.status).toBe(413);
		expectAudited(reply, [413]);
		expect(stack.upstreamRequests()).toBe(0);
	});

	it('a chunked body without Content-Length is cut off at the limit and answered 413', async () => {
		const opening = jsonBody(LOGIN_MUTATION, { email: DEMO_ACCOUNT.email, password: '' }).slice(0, -3);
		const chunks = [opening, ...Array.from({ length: 16 }, () => 'x'.repeat(16 * 1024)), '"}}'];
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, chunks });
		expect(reply.status).toBe(413);
		expectAudited(reply, [413]);
		expect(stack.upstreamRequests()).toBe(0);
	});

	// Fails until graphql/http-server.ts closes (or drains) a connection whose request body it stopped
	// reading: today the keep-alive socket is left with the unread rest of the body, the next request on
	// it is never parsed, and the client waits for the keep-alive timeout (about 6 s) and gets ECONNRESET.
	it('after a 413 for a chunked body, the next request on the same keep-alive connection is answered', async () => {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		try {
			const chunks = ['{"query":"{ __typename }","variables":{"pad":"', ...Array.from({ length: 16 }, () => 'x'.repeat(16 * 1024)), '"}}'];
			expect((await sendRaw(stack.url, { headers: JSON_HEADERS, chunks, agent })).status).toBe(413);
			const next = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody('{ __typename }'), agent });
			expect(next.status).toBe(200);
			expect(JSON.parse(next.text)).toEqual({ data: { __typename: 'Query' } });
		} finally {
			agent.destroy();
		}
	});

	it('a 1 MB token does not fit in a request: 413, nothing sent upstream', async () => {
		const token = hugeToken(MEBIBYTE);
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(REFRESH_MUTATION, { token }) });
		expect(reply.status).toBe(413);
		expect(stack.upstreamRequests()).toBe(0);
	});

	describe('huge variables within the body limit', () => {
		it('2,000 unused variables are ignored and the login goes through once', async () => {
			const variables: Record<string, unknown> = { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password };
			for (let index = 0; index < 2000; index++) variables[`unused${index}`] = index;
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(LOGIN_MUTATION, variables) });
			expectAudited(reply, [200], [DEMO_ACCOUNT.password]);
			expect(JSON.parse(reply.text).data.login.ok).toBe(true);
			expect(stack.upstreamRequests()).toBe(1);
		});

		it('a password nested 25,000 arrays deep is refused as a bad variable, without a crash or an upstream call', async () => {
			const body = `{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"email":"a@b.in","password":${'['.repeat(25_000)}${']'.repeat(25_000)}}}`;
			expect(body.length).toBeLessThan(64 * 1024);
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(reply.status).toBe(400);
			expectAudited(reply, [400]);
			expect(reply.text.length).toBeLessThan(2048);
			expect(stack.upstreamRequests()).toBe(0);
		});

		it('a 60 KB email is refused as INVALID_INPUT without an upstream call, and not echoed back', async () => {
			const email = `${'e'.repeat(60 * 1024)}@example.in`;
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(LOGIN_MUTATION, { email, password: 'Some#Pass1' }) });
			expectAudited(reply, [200], ['e'.repeat(64), 'Some#Pass1']);
			expect(JSON.parse(reply.text).data.login.error.code).toBe('INVALID_INPUT');
			expect(stack.upstreamRequests()).toBe(0);
		});
	});
});

describe('a 1 MB token where the body limit lets it in', () => {
	let stack: LoopbackStack;
	const token = hugeToken(MEBIBYTE);
	const tokenSlice = token.slice(1000, 1064);

	beforeAll(async () => {
		stack = await startLoopbackStack({ maxRequestBodyBytes: 4 * MEBIBYTE });
	});
	afterAll(() => stack.close());
	beforeEach(() => stack.sandbox.resetStats());
	afterEach(async () => expect(await stack.health()).toBe(200));

	it('refresh: INVALID_INPUT before any upstream call, token not echoed', async () => {
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(REFRESH_MUTATION, { token: `Bearer ${token}` }) });
		expectAudited(reply, [200], [tokenSlice]);
		expect(JSON.parse(reply.text).data.refresh).toMatchObject({ ok: false, token: null, error: { code: 'INVALID_INPUT' } });
		expect(reply.text.length).toBeLessThan(1024);
		expect(stack.upstreamRequests()).toBe(0);
	});

	it('login with a 1 MB password: INVALID_INPUT before any upstream call, password not echoed', async () => {
		const reply = await sendRaw(stack.url, {
			headers: JSON_HEADERS,
			body: jsonBody(LOGIN_MUTATION, { email: DEMO_ACCOUNT.email, password: token }),
		});
		expectAudited(reply, [200], [tokenSlice]);
		expect(JSON.parse(reply.text).data.login.error.code).toBe('INVALID_INPUT');
		expect(stack.upstreamRequests()).toBe(0);
	});

	it('tokenInfo refuses to read it (longer than any Smartflo token): no upstream call, token not echoed', async () => {
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(TOKEN_INFO_QUERY, { token }) });
		expectAudited(reply, [200], [tokenSlice]);
		expect(JSON.parse(reply.text).data.tokenInfo).toMatchObject({ valid: false, expired: false, expiresAt: null });
		expect(reply.text.length).toBeLessThan(1024);
		expect(stack.upstreamRequests()).toBe(0);
	});
});
