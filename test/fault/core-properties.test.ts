import { inspect } from 'node:util';

import fc from 'fast-check';

import { SMARTFLO_ERROR_CODES, SmartfloAuthClient, SmartfloError, TokenSession, type TokenSet } from '../../src/auth';
import { TransportError, type HttpResponse, type HttpTransport } from '../../src/http/transport';
import { jwtExpiringIn } from '../helpers/jwt';

const PASSWORD = 'Pw-canary-90a1f';
const TOKEN = jwtExpiringIn(600, { canary: 'tok-canary-55e' });

/** Bodies Smartflo, a proxy in front of it or a broken network might produce — secrets sprinkled in. */
const secretText = fc.constantFrom(PASSWORD, TOKEN, `Bearer ${TOKEN}`, '');
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const tokenish = fc.oneof(fc.constant(TOKEN), fc.string(), fc.integer(), fc.constant(null), jsonValue);
const smartfloLike = fc.record(
	{
		success: fc.oneof(fc.boolean(), fc.constant('false'), fc.constant(null), fc.integer()),
		access_token: tokenish,
		token_type: fc.oneof(fc.constant('bearer'), fc.string(), fc.integer()),
		expires_in: fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.string(), fc.double(), fc.constant(null)),
		number_of_days_left: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
		login_failed_count: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
		message: fc.oneof(fc.constantFrom('Token has expired', 'Deleted or blacklisted token provided', 'locked'), fc.string(), secretText),
	},
	{ requiredKeys: [] },
);
/** Shaped like a success, with odd values where a success would have sane ones. */
const successLike = fc.record({
	success: fc.constantFrom(true, undefined, 1),
	access_token: fc.oneof(fc.constant(TOKEN), fc.string({ minLength: 1 }), fc.constant('tok en\r\nX-Injected: 1')),
	token_type: fc.oneof(fc.constant('bearer'), fc.constant(''), fc.integer()),
	expires_in: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e308, -1, 0, Number.MAX_SAFE_INTEGER, '3600', '1e400')),
	number_of_days_left: fc.oneof(fc.integer(), fc.double(), fc.string()),
});
const body = fc.oneof(
	successLike.map((value) => JSON.stringify(value)),
	smartfloLike.map((value) => JSON.stringify(value)),
	smartfloLike.chain((value) => fc.nat().map((cut) => JSON.stringify(value).slice(0, cut))),
	jsonValue.map((value) => JSON.stringify(value)),
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
	secretText.map((secret) => `<html><body>Error ${secret}</body></html>`),
	fc.constant(`{"access_token":"${TOKEN}","password":"${PASSWORD}"`),
	fc.constant(''),
	fc.constant('x'.repeat(200_000)),
);
const headers = fc.record(
	{
		'content-type': fc.constantFrom('application/json', 'text/html; charset=utf-8', 'text/plain', 'application/octet-stream', ''),
		'retry-after': fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), fc.string(), secretText),
		'x-echo': secretText,
	},
	{ requiredKeys: [] },
);
const status = fc.oneof(fc.constantFrom(200, 200, 201, 200, 201, 204, 400, 401, 403, 404, 408, 422, 423, 429, 500, 502, 503, 504), fc.integer({ min: 100, max: 599 }));
const response = fc.record({ status, headers, body });
const failure = fc.constantFrom<TransportError | Error | string>(
	new TransportError('timeout'),
	new TransportError('network', 'ECONNRESET'),
	new TransportError('response-too-large'),
	new Error(`socket hang up ${PASSWORD} ${TOKEN}`),
	`thrown string ${TOKEN}`,
);
const answer = fc.oneof({ weight: 5, arbitrary: response.map((r) => ({ response: r as HttpResponse })) }, { weight: 1, arbitrary: failure.map((f) => ({ failure: f })) });

function scriptedTransport(answers: Array<{ response: HttpResponse } | { failure: unknown }>): HttpTransport {
	let index = 0;
	return {
		async request() {
			const next = answers[Math.min(index++, answers.length - 1)];
			if ('failure' in next) throw next.failure;
			return next.response;
		},
	};
}

function assertWellFormedOutcome(outcome: PromiseSettledResult<TokenSet>) {
	if (outcome.status === 'fulfilled') {
		const set = outcome.value;
		expect(set.accessToken).toMatch(/^[\x21-\x7e]+$/);
		expect(Number.isFinite(set.expiresAt)).toBe(true);
		expect(Number.isFinite(set.expiresIn)).toBe(true);
		expect(typeof set.tokenType).toBe('string');
		expect(set.expiresIn).toBeGreaterThanOrEqual(0);
		if (set.passwordExpiresInDays !== undefined) expect(Number.isInteger(set.passwordExpiresInDays)).toBe(true);
		return;
	}
	const error = outcome.reason;
	expect(error).toBeInstanceOf(SmartfloError);
	expect(SMARTFLO_ERROR_CODES).toContain((error as SmartfloError).code);
	for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5, showHidden: true })]) {
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain(TOKEN);
	}
}

const noDelay = { baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterSeconds: 0 };

describe('the core against random upstream answers', () => {
	it('login: always a TokenSet or a coded, secret-free SmartfloError', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }), async (answers, retries) => {
				const client = new SmartfloAuthClient({ transport: scriptedTransport(answers), retries, retryPolicy: noDelay });
				const [outcome] = await Promise.allSettled([client.login({ email: 'ops@example.in', password: PASSWORD })]);
				assertWellFormedOutcome(outcome);
			}),
			{ numRuns: 400 },
		);
	});

	it('refresh: always a TokenSet or a coded, secret-free SmartfloError', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), async (answers) => {
				const client = new SmartfloAuthClient({ transport: scriptedTransport(answers), retries: 2, retryPolicy: noDelay });
				const [outcome] = await Promise.allSettled([client.refresh(`Bearer ${TOKEN}`)]);
				assertWellFormedOutcome(outcome);
			}),
			{ numRuns: 300 },
		);
	});

	it('a token session settles every concurrent caller, each with a token or a coded error', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 20 }), async (answers, callers) => {
				const client = new SmartfloAuthClient({ transport: scriptedTransport(answers), retries: 1, retryPolicy: noDelay });
				const session = new TokenSession({ client, email: 'ops@example.in', password: PASSWORD });
				const outcomes = await Promise.allSettled(Array.from({ length: callers }, () => session.getToken()));
				for (const outcome of outcomes) {
					if (outcome.status === 'fulfilled') expect(typeof outcome.value).toBe('string');
					else assertWellFormedOutcome(outcome as PromiseRejectedResult);
				}
			}),
			{ numRuns: 150 },
		);
	});
});
