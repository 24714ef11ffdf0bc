import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { DEMO_ACCOUNT } from '../../sandbox/index';
import { LOGIN_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';
import { startLoopbackStack, type LoopbackStack } from '../helpers/loopback-stack';
import { JSON_HEADERS, jsonBody, sendBytes, sendRaw, type RawReply } from '../helpers/raw-http';
import { auditReply, GRAPHQL_STATUSES } from '../helpers/reply-audit';

const LOGIN_BODY = jsonBody(LOGIN_MUTATION, DEMO_ACCOUNT);
const bytes = (...parts: Array<string | number[]>) =>
	Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

function audit(reply: RawReply, statuses: ReadonlySet<number> = GRAPHQL_STATUSES, secrets: string[] = [DEMO_ACCOUNT.password]) {
	return auditReply(
		{ status: reply.status, text: reply.text, retryAfter: reply.headers['retry-after'] as string | undefined },
		{ statuses, secrets },
	);
}

describe('encodings, content types and malformed requests over real HTTP', () => {
	let stack: LoopbackStack;

	beforeAll(async () => {
		stack = await startLoopbackStack();
	});
	afterAll(() => stack.close());
	beforeEach(() => {
		stack.sandbox.resetStats();
		stack.sandbox.unlockAccount(DEMO_ACCOUNT.email);
	});
	afterEach(async () => expect(await stack.health()).toBe(200));

	describe('a valid login sent with a content type other than JSON is not executed', () => {
		const multipart = [
			'--b',
			'Content-Disposition: form-data; name="operations"',
			'',
			LOGIN_BODY,
			'--b',
			'Content-Disposition: form-data; name="map"',
			'',
			'{}',
			'--b--',
			'',
		].join('\r\n');
		it.each([
			['text/plain', { 'content-type': 'text/plain' }, LOGIN_BODY],
			[
				'form-encoded',
				{ 'content-type': 'application/x-www-form-urlencoded' },
				`query=${encodeURIComponent(LOGIN_MUTATION)}&variables=${encodeURIComponent(JSON.stringify(DEMO_ACCOUNT))}`,
			],
			['multipart (GraphQL upload spec)', { 'content-type': 'multipart/form-data; boundary=b' }, multipart],
			['no content type at all', {}, LOGIN_BODY],
			['application/octet-stream', { 'content-type': 'application/octet-stream' }, LOGIN_BODY],
			['application/xml', { 'content-type': 'application/xml' }, LOGIN_BODY],
		])('%s: refused (403 or 415), Smartflo never asked', async (_name, headers, body) => {
			const reply = await sendRaw(stack.url, { headers, body });
			expect([403, 415]).toContain(reply.status);
			expect(audit(reply)).toEqual([]);
			expect(stack.upstreamRequests()).toBe(0);
		});
	});

	describe('media types are case-insensitive', () => {
		it.each(['APPLICATION/JSON', 'Application/Json; charset=UTF-8', ' application/JSON ;charset=utf-8'])(
			'%j: a JSON login works',
			async (contentType) => {
				const reply = await sendRaw(stack.url, { headers: { ...JSON_HEADERS, 'content-type': contentType }, body: LOGIN_BODY });
				expect(reply.status).toBe(200);
				expect(JSON.parse(reply.text).data.login.ok).toBe(true);
			},
		);

		it('"Application/GraphQL" (a raw query) works', async () => {
			const reply = await sendRaw(stack.url, {
				headers: { 'content-type': 'Application/GraphQL', accept: 'application/json' },
				body: '{ tokenInfo(token: "x") { valid } }',
			});
			expect(reply.status).toBe(200);
			expect(JSON.parse(reply.text).data.tokenInfo.valid).toBe(false);
		});

		it('"TEXT/PLAIN" is still refused by CSRF prevention', async () => {
			const reply = await sendRaw(stack.url, { headers: { 'content-type': 'TEXT/PLAIN' }, body: LOGIN_BODY });
			expect(reply.status).toBe(403);
			expect(stack.upstreamRequests()).toBe(0);
		});
	});

	describe('compressed bodies are answered 415, never decoded', () => {
		it.each([
			['gzip', gzipSync(LOGIN_BODY)],
			['deflate', deflateSync(LOGIN_BODY)],
			['br', brotliCompressSync(LOGIN_BODY)],
			['GZIP', gzipSync(LOGIN_BODY)],
			['identity, gzip', gzipSync(LOGIN_BODY)],
			['gzip (on a body that is not compressed)', Buffer.from(LOGIN_BODY)],
		])('Content-Encoding: %s', async (encoding, body) => {
			const reply = await sendRaw(stack.url, { headers: { ...JSON_HEADERS, 'content-encoding': encoding.split(' (')[0] }, body });
			expect(reply.status).toBe(415);
			expect(reply.headers['accept-encoding']).toBe('identity');
			expect(JSON.parse(reply.text).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
			expect(audit(reply, new Set([415]))).toEqual([]);
			expect(stack.upstreamRequests()).toBe(0);
		});

		it('a gzip bomb (64 MB of zeros in about 64 KB) is refused without being inflated', async () => {
			const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
			expect(bomb.length).toBeLessThan(100 * 1024);
			const reply = await sendRaw(stack.url, { headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' }, chunks: [bomb] });
			expect(reply.status).toBe(415);
			expect(stack.upstreamRequests()).toBe(0);
		});

		it('Content-Encoding: identity is a plain body', async () => {
			const reply = await sendRaw(stack.url, { headers: { ...JSON_HEADERS, 'content-encoding': 'identity' }, body: LOGIN_BODY });
			expect(reply.status).toBe(200);
			expect(JSON.parse(reply.text).data.login.ok).toBe(true);
		});
	});

	describe('invalid UTF-8', () => {
		it('inside the document: decoded with replacement characters, answered, no upstream call', async () => {
			const body = bytes('{"query":"{ tokenInfo(token: \\"abc', [0xff, 0xfe, 0xc3, 0x28], '\\") { valid } }"}');
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(audit(reply)).toEqual([]);
			expect(JSON.parse(reply.text).data.tokenInfo.valid).toBe(false);
			expect(stack.upstreamRequests()).toBe(0);
		});

		it('inside the password: Smartflo gets well-formed JSON and rejects it like any wrong password', async () => {
			const body = bytes(
				`{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"email":"${DEMO_ACCOUNT.email}","password":"Pw`,
				[0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0x28],
				'"}}',
			);
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(audit(reply)).toEqual([]);
			expect(JSON.parse(reply.text).data.login.error.code).toBe('INVALID_CREDENTIALS');
			expect(stack.sandbox.stats()).toMatchObject({ loginAttempts: 1, failedLogins: 1 });
		});

		it('an overlong encoding of a quote cannot close the string and inject a variable', async () => {
			// 0xC0 0xA2 is an overlong '"'; a decoder that accepted it would end the password here.
			const body = bytes(
				`{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"email":"${DEMO_ACCOUNT.email}","password":"${DEMO_ACCOUNT.password}`,
				[0xc0, 0xa2],
				'"}}',
			);
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(audit(reply)).toEqual([]);
			expect(JSON.parse(reply.text).data.login.ok).toBe(false);
		});

		it('lone surrogates and NUL in the password reach Smartflo as valid JSON escapes', async () => {
			const body = `{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"email":"${DEMO_ACCOUNT.email}","password":"\\ud800x\\udfff\\u0000y"}}`;
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(audit(reply)).toEqual([]);
			expect(JSON.parse(reply.text).data.login.error.code).toBe('INVALID_CREDENTIALS');
			expect(stack.sandbox.stats().failedLogins).toBe(1);
		});

		it('invalid UTF-8 between JSON tokens is malformed JSON: 400, no upstream call', async () => {
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: bytes('{"query":', [0xff], '"{ __typename }"}') });
			expect(reply.status).toBe(400);
			expect(stack.upstreamRequests()).toBe(0);
		});
	});

	describe('malformed JSON and wrong shapes', () => {
		it.each([
			['truncated', LOGIN_BODY.slice(0, 40)],
			['trailing garbage', `${LOGIN_BODY}}}`],
			['single quotes', "{'query': '{ __typename }'}"],
			['a comment', '{"query": "{ __typename }" /* hi */}'],
			['an empty body', ''],
			['null', 'null'],
			['a number', '42'],
			['a string', '"{ __typename }"'],
			['an empty batch', '[]'],
			['query is a number', '{"query": 42}'],
			['query is missing', '{"variables": {}}'],
			['variables is a string', '{"query": "{ __typename }", "variables": "x"}'],
			['operationName is an object', '{"query": "{ __typename }", "operationName": {}}'],
			['arrays nested 30,000 deep', `${'['.repeat(30_000)}${']'.repeat(30_000)}`],
		])('%s: answered 400 with a GraphQL error, no upstream call', async (_name, body) => {
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(reply.status).toBe(400);
			expect(JSON.parse(reply.text).errors.length).toBeGreaterThan(0);
			expect(stack.upstreamRequests()).toBe(0);
		});

		// Fails until the server masks yoga's parse error: for an unparsable JSON body yoga adds
		// `extensions.originalError` with V8's SyntaxError message, which quotes the body around the
		// error, password included (here: a low-code client that pasted a password with a quote in it).
		it("a malformed body is not quoted back: neither the password in it nor the parser's original error", async () => {
			const password = 'Pa"ss-canary-7713';
			const body = `{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"email":"${DEMO_ACCOUNT.email}","password":"${password}"}}`;
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(reply.status).toBe(400);
			expect(reply.text).not.toContain('canary-7713');
			expect(audit(reply, new Set([400]), [password])).toEqual([]);
		});

		// Fails until the server masks graphql-js's variable coercion messages, which print the value:
		// 'Variable "$password" got invalid value 90417723; String cannot represent a non string value: 90417723'.
		// A low-code binding without quotes sends a numeric password as a JSON number.
		it.each([
			['a password sent as a JSON number', { email: DEMO_ACCOUNT.email, password: 90417723 }, '90417723'],
			['a password wrapped in an object', { email: DEMO_ACCOUNT.email, password: { value: 'Obj-canary-5521' } }, 'Obj-canary-5521'],
			['a password wrapped in a list', { email: DEMO_ACCOUNT.email, password: ['List-canary-8830'] }, 'List-canary-8830'],
		])('%s is refused without being repeated back', async (_name, variables, secret) => {
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(LOGIN_MUTATION, variables) });
			expect(reply.status).toBe(400);
			expect(reply.text).not.toContain(secret);
			expect(stack.upstreamRequests()).toBe(0);
		});

		it('__proto__ in the variables pollutes nothing', async () => {
			const body = `{"query":${JSON.stringify(LOGIN_MUTATION)},"variables":{"__proto__":{"polluted":"yes","email":"x"},"email":"${DEMO_ACCOUNT.email}","password":"${DEMO_ACCOUNT.password}"}}`;
			const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
			expect(audit(reply)).toEqual([]);
			expect(JSON.parse(reply.text).data.login.ok).toBe(true);
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		});
	});

	describe("HTTP the server's parser refuses", () => {
		const target = () => `Host: ${new URL(stack.url).host}`;
		it.each([
			[
				'a non-numeric Content-Length',
				() => `POST /graphql HTTP/1.1\r\n${target()}\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`,
			],
			[
				'both Content-Length and Transfer-Encoding (request smuggling)',
				() =>
					`POST /graphql HTTP/1.1\r\n${target()}\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST /graphql HTTP/1.1\r\n\r\n`,
			],
			['two different Content-Lengths', () => `POST /graphql HTTP/1.1\r\n${target()}\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`],
			['a 40 KB header', () => `GET /health HTTP/1.1\r\n${target()}\r\nX-Big: ${'a'.repeat(40 * 1024)}\r\n\r\n`],
			['a bare LF request line with garbage', () => 'GARBAGE \x00\x01\x02 /\n\n'],
		])('%s: a 4xx and a closed connection, the server keeps serving', async (_name, request) => {
			const answer = await sendBytes(stack.url, request());
			expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
			expect(stack.upstreamRequests()).toBe(0);
		});
	});

	it('a request id that is not a plain short token is replaced, not echoed', async () => {
		const reply = await sendRaw(stack.url, {
			headers: { ...JSON_HEADERS, 'x-request-id': 'evil<script>alert(1)</script>' },
			body: jsonBody('{ __typename }'),
		});
		expect(reply.status).toBe(200);
		expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('after all that, still answers a login and a tokenInfo correctly', async () => {
		const login = await sendRaw(stack.url, { headers: JSON_HEADERS, body: LOGIN_BODY });
		const token = JSON.parse(login.text).data.login.token.accessToken;
		const info = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(TOKEN_INFO_QUERY, { token }) });
		expect(JSON.parse(info.text).data.tokenInfo.valid).toBe(true);
	});
});
