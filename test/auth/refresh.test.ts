import nock from 'nock';

import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { useNock } from '../helpers/nock';

const BASE = 'https://api-smartflo.tatateleservices.com';

describe('refresh on the wire', () => {
	const token = jwtExpiringIn(600);
	useNock();

	it.each([
		['a bare token', token],
		['a pasted "Bearer " prefix', `Bearer ${token}`],
		['a lower-case "bearer " prefix and whitespace', `  bearer   ${token}\n`],
		['a doubled prefix', `Bearer Bearer ${token}`],
	])('sends exactly "Authorization: Bearer <token>" for %s', async (_name, given) => {
		const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${token}`, accept: 'application/json' } })
			.post('/v1/auth/refresh', (body) => body === '' || body === undefined || Object.keys(body).length === 0)
			.reply(200, { success: true, access_token: 'next-token-value', token_type: 'bearer', expires_in: 3600 });
		const set = await new SmartfloAuthClient().refresh(given);
		expect(set.accessToken).toBe('next-token-value');
		scope.done();
	});

	it('refuses an empty token without a request', async () => {
		const scope = nock(BASE).post('/v1/auth/refresh').reply(200, {});
		await expect(new SmartfloAuthClient().refresh('Bearer   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(scope.isDone()).toBe(false);
	});
});

describe('refresh outcomes', () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(() => server.close());

	const refresh = () => new SmartfloAuthClient({ baseUrl: server.url, retries: 0 }).refresh(jwtExpiringIn(10));

	it.each([
		['401 Token has expired', 401, { message: 'Token has expired' }, 'TOKEN_EXPIRED'],
		['200 success:false Token has expired', 200, { success: false, message: 'Token has expired' }, 'TOKEN_EXPIRED'],
		['401 blacklisted', 401, { success: false, message: 'Deleted or blacklisted token provided' }, 'TOKEN_REJECTED'],
		['403 forbidden', 403, { message: 'Forbidden' }, 'TOKEN_REJECTED'],
		['200 success:false blacklisted', 200, { success: false, message: 'Deleted or blacklisted token provided' }, 'TOKEN_REJECTED'],
		['400 missing Authorization', 400, { message: 'Missing required request parameters: [Authorization]' }, 'TOKEN_REJECTED'],
		['401 with a non-JSON body', 401, 'Unauthorized', 'TOKEN_REJECTED'],
	])('%s → %s', async (_name, status, body, code) => {
		server.reply(() => ({ status, body }));
		await expect(refresh()).rejects.toMatchObject({ code, status });
	});

	it('returns the new token set', async () => {
		const next = jwtExpiringIn(3600);
		server.reply(() => ({ status: 200, body: { success: true, access_token: next, token_type: 'bearer', expires_in: 3600 } }));
		await expect(refresh()).resolves.toMatchObject({ accessToken: next, expiresIn: 3600 });
	});
});
