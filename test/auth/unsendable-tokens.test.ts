import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';
import { transports } from '../helpers/transports';

/**
 * Tokens the core cannot send are refused locally, before any request and without retries, on both
 * transports; and a permanent token is refreshed only when the caller confirms it.
 */
let server: FakeServer;
beforeAll(async () => {
	server = await startFakeServer();
});
afterAll(() => server.close());
beforeEach(() => {
	server.requests.length = 0;
	server.reply(() => ({ status: 200, body: { success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 } }));
});

const valid = jwtExpiringIn(600);

describe.each(transports)('over the %s', (_name, createTransport) => {
	const client = () => new SmartfloAuthClient({ baseUrl: server.url, transport: createTransport() });

	it.each([
		['a NUL', `${valid}\u0000`],
		['a CR/LF', `${valid.slice(0, 20)}\r\n${valid.slice(20)}`],
		['a U+2028 line separator', `${valid.slice(0, 20)}\u2028${valid.slice(20)}`],
		['the "…" of a shortened copy', `${valid.slice(0, 24)}…${valid.slice(-8)}`],
		['a space inside', `${valid.slice(0, 20)} ${valid.slice(20)}`],
		['more than 16 KiB', `${valid}${'a'.repeat(16 * 1024)}`],
	])('refresh refuses a token with %s as INVALID_INPUT: no request, no retry', async (_what, token) => {
		await expect(client().refresh(token)).rejects.toMatchObject({ code: 'INVALID_INPUT', name: 'SmartfloError' });
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a permanent token unless asked to replace it, then sends it', async () => {
		const now = Math.floor(Date.now() / 1000);
		const permanent = unsignedJwt({
			iss: 'https://cloudphone.tatateleservices.com/token/generate',
			iat: now,
			exp: now + 300_000_000,
			cr: true,
			sub: '7',
		});
		const refusal = client().refresh(permanent);
		await expect(refusal).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		await expect(refusal).rejects.toThrow(/permanent Smartflo token/);
		expect(server.requests).toHaveLength(0);
		await expect(client().refresh(permanent, { replacePermanentToken: true })).resolves.toMatchObject({ expiresIn: 3600 });
		expect(server.requests).toHaveLength(1);
	});

	it('still refreshes an ordinary login token', async () => {
		await expect(client().refresh(`Bearer ${valid}`)).resolves.toMatchObject({ tokenType: 'bearer' });
		expect(server.requests).toHaveLength(1);
	});
});
