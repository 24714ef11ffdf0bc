import { inspect } from 'node:util';

import { SmartfloError, TokenSession } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { errorRenderings } from '../helpers/error-renderings';
import { closedPortUrl, startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { transports } from '../helpers/transports';

const PASSWORD = 'Pa55-canary-7f3e9d';
const TOKEN = jwtExpiringIn(60, { canary: 'token-canary-41c2' });

/** An upstream that repeats every secret it was sent, in every way it can. */
function echoing(status: number, extra: Record<string, string> = {}): FakeReply {
	return {
		status,
		headers: { 'x-echo': `${PASSWORD} ${TOKEN}`, ...extra },
		body: {
			success: false,
			message: `The username or password is incorrect for ${PASSWORD}; token ${TOKEN}`,
			login_failed_count: 2,
			token: TOKEN,
		},
	};
}

function expectNoSecret(error: unknown) {
	expect(error).toBeInstanceOf(SmartfloError);
	for (const text of errorRenderings(error)) {
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain(TOKEN.split('.')[1]);
	}
}

describe.each(transports)('no secret in any error (%s)', (_name, createTransport) => {
	let server: FakeServer;
	const transport = createTransport();
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(async () => {
		await transport.close?.();
		await server.close();
	});

	const client = (baseUrl = server.url) => new SmartfloAuthClient({ baseUrl, transport, retries: 0, timeoutMs: 300 });

	it.each<[string, FakeReply]>([
		['a rejected login that echoes the password', echoing(401)],
		['a 200 refusal that echoes the password', echoing(200)],
		['a 422 that echoes the input', echoing(422)],
		['a 500 that echoes everything', echoing(500)],
		['a 404', echoing(404)],
		['a 429', echoing(429, { 'retry-after': '5' })],
		[
			'an HTML page with the secrets in it',
			{ status: 502, headers: { 'content-type': 'text/html' }, body: `<html>${PASSWORD} ${TOKEN}</html>` },
		],
		['truncated JSON with the secrets in it', { status: 200, body: `{"password":"${PASSWORD}","access_token":"${TOKEN}` }],
		['a dropped connection', { drop: true }],
		['no answer', { hang: true }],
	])('login: %s', async (_case, reply) => {
		server.reply(() => reply);
		expectNoSecret(
			await client()
				.login({ email: 'ops@example.in', password: PASSWORD })
				.catch((e) => e),
		);
	});

	it.each<[string, FakeReply]>([
		['an expired token', { status: 401, body: { message: `Token has expired: ${TOKEN}` } }],
		['a blacklisted token', echoing(401)],
		['a 503', echoing(503)],
		['truncated JSON', { status: 200, body: `{"access_token":"${TOKEN}` }],
	])('refresh: %s', async (_case, reply) => {
		server.reply(() => reply);
		expectNoSecret(
			await client()
				.refresh(`Bearer ${TOKEN}`)
				.catch((e) => e),
		);
	});

	it('connection refused', async () => {
		expectNoSecret(
			await client(await closedPortUrl())
				.login({ email: 'ops@example.in', password: PASSWORD })
				.catch((e) => e),
		);
	});

	it('a token session that cannot log in', async () => {
		server.reply(() => echoing(401));
		const session = new TokenSession({ client: client(), email: 'ops@example.in', password: PASSWORD });
		expectNoSecret(await session.getToken().catch((e) => e));
		expect(inspect(session, { showHidden: true })).not.toContain(PASSWORD);
	});

	it('an expired static token', async () => {
		const expired = jwtExpiringIn(-7200, { canary: 'token-canary-41c2' });
		const error = await new TokenSession({ client: client(), token: expired }).getToken().catch((e) => e);
		expect(error).toMatchObject({ code: 'TOKEN_EXPIRED' });
		for (const text of errorRenderings(error)) expect(text).not.toContain(expired);
	});
});
