import fc from 'fast-check';

import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { SMARTFLO_ERROR_CODES } from '../../src/auth';
import type { HttpTransport } from '../../src/http/transport';
import { LOGIN_MUTATION, postGraphQL, REFRESH_MUTATION } from '../helpers/graphql';
import { jwtExpiringIn } from '../helpers/jwt';
import { PASSWORD, scriptedTransport, TOKEN, upstreamAnswer, type UpstreamAnswer } from './upstream-arbitraries';

const MAX_INT = 2 ** 31 - 1;

/**
 * The GraphQL payload for any upstream answer: HTTP 200 (429 when rate limited), no top-level
 * error at all, and exactly one of a token whose every field is set and in range, or a coded error.
 * Nothing the caller sent comes back, except in a token Smartflo issued.
 */
function expectTypedPayload(reply: Awaited<ReturnType<typeof postGraphQL>>, field: 'login' | 'refresh', sent: string[]) {
	expect({ status: reply.status, errors: reply.body?.errors }).toEqual({
		status: reply.body?.data?.[field]?.error?.code === 'RATE_LIMITED' ? 429 : 200,
		errors: undefined,
	});
	const payload = reply.body.data[field];
	if (payload.ok) {
		expect(payload.error).toBeNull();
		const { accessToken, tokenType, expiresIn, expiresAt, passwordExpiresInDays } = payload.token;
		expect(accessToken).toMatch(/^[\x21-\x7e]+$/);
		expect(typeof tokenType).toBe('string');
		expect(Number.isInteger(expiresIn) && expiresIn >= 0 && expiresIn <= MAX_INT).toBe(true);
		expect(Number.isNaN(Date.parse(expiresAt))).toBe(false);
		// REFRESH_MUTATION does not select it.
		expect(passwordExpiresInDays == null || (Number.isInteger(passwordExpiresInDays) && passwordExpiresInDays >= 0)).toBe(true);
	} else {
		expect(payload.token).toBeNull();
		expect(SMARTFLO_ERROR_CODES).toContain(payload.error.code);
		if (payload.error.code === 'RATE_LIMITED') expect(payload.error.retryAfterSeconds).toBe(Number(reply.headers.get('retry-after')));
		for (const secret of sent) expect(reply.text).not.toContain(secret);
	}
}

describe('the GraphQL face against random upstream answers', () => {
	let answers: UpstreamAnswer[] = [];
	let server: GraphQLServer;
	let call = 0;

	beforeAll(() => {
		const replaying: HttpTransport = { request: (request) => scriptedTransport(answers).request(request) };
		server = createGraphQLServer({
			transport: replaying,
			upstreamRetries: 0,
			// Every run uses its own email and token, so limits and caches never answer in Smartflo's place.
			limits: {
				operationsPerIp: { limit: 1_000_000, windowSeconds: 60 },
				loginsPerEmail: { limit: 1_000_000, windowSeconds: 60 },
				lockoutBudgetPerEmail: { limit: 1_000_000, windowSeconds: 60 },
			},
			logger: { level: 'silent' },
		});
	});
	afterAll(() => server.dispose());

	it('login: a complete token or a coded error as data, never a top-level error or an echo', async () => {
		await fc.assert(
			fc.asyncProperty(upstreamAnswer, async (answer) => {
				answers = [answer];
				const email = `user${call++}@example.in`;
				const reply = await postGraphQL(server, LOGIN_MUTATION, { email, password: PASSWORD });
				expectTypedPayload(reply, 'login', [PASSWORD, TOKEN]);
			}),
			{ numRuns: 400 },
		);
	});

	it('refresh: a complete token or a coded error as data, never a top-level error or an echo', async () => {
		await fc.assert(
			fc.asyncProperty(upstreamAnswer, async (answer) => {
				answers = [answer];
				const token = jwtExpiringIn(600, { n: call++ });
				const reply = await postGraphQL(server, REFRESH_MUTATION, { token: `Bearer ${token}` });
				expectTypedPayload(reply, 'refresh', [PASSWORD, token]);
			}),
			{ numRuns: 300 },
		);
	});
});
