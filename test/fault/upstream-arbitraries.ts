import fc from 'fast-check';

import { TransportError, type HttpResponse, type HttpTransport } from '../../src/http/transport';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';

/** What the caller sends: must never come back in an error. */
export const PASSWORD = 'Pw-canary-90a1f';
export const TOKEN = jwtExpiringIn(600, { canary: 'tok-canary-55e' });

/** Bodies Smartflo, a proxy in front of it or a broken network might produce — secrets sprinkled in. */
const secretText = fc.constantFrom(PASSWORD, TOKEN, `Bearer ${TOKEN}`, '');
const jsonValue = fc.jsonValue({ maxDepth: 3 });
/** Numbers past what a 32-bit GraphQL Int or a JS Date can hold, next to ordinary ones. */
const hugeNumber = fc.constantFrom(2 ** 31 - 1, 2 ** 31, 1e12, Number.MAX_SAFE_INTEGER, 1e308);
const tokenish = fc.oneof(fc.constant(TOKEN), fc.string(), fc.integer(), fc.constant(null), jsonValue);
const smartfloLike = fc.record(
	{
		success: fc.oneof(fc.boolean(), fc.constant('false'), fc.constant(null), fc.integer()),
		access_token: tokenish,
		token_type: fc.oneof(fc.constant('bearer'), fc.string(), fc.integer()),
		expires_in: fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.string(), fc.double(), fc.constant(null)),
		number_of_days_left: fc.oneof(fc.integer(), fc.string(), fc.constant(null), hugeNumber),
		login_failed_count: fc.oneof(fc.integer(), fc.string(), fc.constant(null), hugeNumber),
		message: fc.oneof(fc.constantFrom('Token has expired', 'Deleted or blacklisted token provided', 'locked'), fc.string(), secretText),
	},
	{ requiredKeys: [] },
);
/** A JWT whose own claims are odd: exp far away or past, iat missing or huge. */
const oddJwt = fc
	.record(
		{ exp: fc.oneof(fc.integer({ min: -1e6, max: 4e9 }), hugeNumber, fc.constant('soon')), iat: fc.oneof(fc.nat(), hugeNumber) },
		{ requiredKeys: [] },
	)
	.map((claims) => unsignedJwt(claims));
/** Shaped like a success, with odd values where a success would have sane ones. */
const successLike = fc.record({
	success: fc.constantFrom(true, undefined, 1),
	access_token: fc.oneof(fc.constant(TOKEN), fc.string({ minLength: 1 }), fc.constant('tok en\r\nX-Injected: 1'), oddJwt),
	token_type: fc.oneof(fc.constant('bearer'), fc.constant(''), fc.integer()),
	expires_in: fc.oneof(
		fc.integer(),
		fc.double(),
		fc.constantFrom(1e308, -1, 0, Number.MAX_SAFE_INTEGER, '3600', '1e400'),
		fc.constant(undefined),
	),
	number_of_days_left: fc.oneof(fc.integer(), fc.double(), fc.string(), hugeNumber),
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
		'retry-after': fc.oneof(
			fc.nat({ max: 100_000 }).map(String),
			fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
			fc.string(),
			secretText,
			hugeNumber.map(String),
		),
		'x-echo': secretText,
	},
	{ requiredKeys: [] },
);
const status = fc.oneof(
	fc.constantFrom(200, 200, 201, 200, 201, 204, 400, 401, 403, 404, 408, 422, 423, 429, 500, 502, 503, 504),
	fc.integer({ min: 100, max: 599 }),
);
const response = fc.record({ status, headers, body });
const failure = fc.constantFrom<TransportError | Error | string>(
	new TransportError('timeout'),
	new TransportError('network', 'ECONNRESET'),
	new TransportError('response-too-large'),
	new Error(`socket hang up ${PASSWORD} ${TOKEN}`),
	`thrown string ${TOKEN}`,
);

export type UpstreamAnswer = { response: HttpResponse } | { failure: unknown };

/** One upstream answer: mostly an HTTP response of any shape, sometimes a transport failure. */
export const upstreamAnswer: fc.Arbitrary<UpstreamAnswer> = fc.oneof(
	{ weight: 5, arbitrary: response.map((r) => ({ response: r as HttpResponse })) },
	{ weight: 1, arbitrary: failure.map((f) => ({ failure: f })) },
);

/** A transport that plays back `answers` in order, repeating the last one. */
export function scriptedTransport(answers: UpstreamAnswer[]): HttpTransport {
	let index = 0;
	return {
		async request() {
			const next = answers[Math.min(index++, answers.length - 1)];
			if ('failure' in next) throw next.failure;
			return next.response;
		},
	};
}
