import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server';
import { LOGIN_MUTATION, postGraphQL, type GraphQLReply } from '../helpers/graphql';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';

const MAX_INT = 2 ** 31 - 1;
const TWENTY_YEARS = 20 * 365 * 24 * 3600;

/** The payload is data only: no top-level error (an Int that overflows becomes a masked one). */
function expectNoTopLevelError(reply: GraphQLReply) {
	expect(reply.body.errors).toBeUndefined();
}

// Fails until numbers Smartflo sends are brought into range before they reach the schema's Int
// fields: today an overflowing value fails the field, which yoga masks as INTERNAL_SERVER_ERROR
// and nulls (for `expiresIn: Int!`, the whole token of an `ok: true` payload).
describe('extreme numbers from Smartflo reach the caller as typed, in-range data', () => {
	let upstream: FakeServer;
	let server: GraphQLServer;
	let next: FakeReply;

	beforeAll(async () => {
		upstream = await startFakeServer(() => next);
		server = createGraphQLServer({ baseUrl: upstream.url, upstreamRetries: 0, logger: { level: 'silent' } });
	});
	afterAll(async () => {
		await server.dispose();
		await upstream.close();
	});

	let attempt = 0;
	const login = () => postGraphQL(server, LOGIN_MUTATION, { email: `user${attempt++}@example.in`, password: 'Some#Pass1' });

	it.each([
		['2^31 seconds', String(2 ** 31)],
		['an HTTP date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
	])('a Retry-After of %s: RATE_LIMITED with an Int retryAfterSeconds equal to the header', async (_name, retryAfter) => {
		next = { status: 429, headers: { 'retry-after': retryAfter }, body: {} };
		const reply = await login();
		expectNoTopLevelError(reply);
		const { retryAfterSeconds } = reply.body.data.login.error;
		expect(Number.isInteger(retryAfterSeconds) && retryAfterSeconds <= MAX_INT).toBe(true);
		expect(reply.headers.get('retry-after')).toBe(String(retryAfterSeconds));
	});

	it.each([
		['0', '0'],
		['a date in the past', 'Thu, 01 Jan 1970 00:00:00 GMT'],
	])('a Retry-After of %s: the payload says what the header says (at least 1 s)', async (_name, retryAfter) => {
		next = { status: 429, headers: { 'retry-after': retryAfter }, body: {} };
		const reply = await login();
		expect(reply.headers.get('retry-after')).toBe('1');
		expect(reply.body.data.login.error.retryAfterSeconds).toBe(1);
	});

	it('number_of_days_left of 2^31: a token, with passwordExpiresInDays in Int range or null', async () => {
		next = {
			status: 200,
			body: { success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600, number_of_days_left: 2 ** 31 },
		};
		const reply = await login();
		expectNoTopLevelError(reply);
		const { ok, token } = reply.body.data.login;
		expect(ok).toBe(true);
		expect(token.passwordExpiresInDays === null || token.passwordExpiresInDays <= MAX_INT).toBe(true);
	});

	it.each([
		['in the year 2096', 4e9],
		['at 1e12 seconds', 1e12],
		['at 1e308 seconds', 1e308],
	])('a JWT expiring %s and no expires_in: a token whose lifetime is capped like a stated one', async (_name, exp) => {
		next = {
			status: 200,
			body: { success: true, access_token: unsignedJwt({ iat: Math.floor(Date.now() / 1000), exp }), token_type: 'bearer' },
		};
		const reply = await login();
		expectNoTopLevelError(reply);
		const { ok, token } = reply.body.data.login;
		expect(ok).toBe(true);
		expect(token.expiresIn).toBeLessThanOrEqual(TWENTY_YEARS);
		expect(Date.parse(token.expiresAt)).toBeLessThanOrEqual(Date.now() + TWENTY_YEARS * 1000);
	});
});
