import nock from 'nock';

import { SmartfloError } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { createFetchTransport } from '../../graphql/runtime/fetch-transport';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { useNock } from '../helpers/nock';

describe('SmartfloAuthClient.login', () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(() => server.close());
	beforeEach(() => server.requests.splice(0));

	const client = () => new SmartfloAuthClient({ baseUrl: server.url, retries: 0 });

	it('returns the token set from a successful login', async () => {
		const token = jwtExpiringIn(3600);
		server.reply(() => ({
			status: 200,
			body: { success: true, access_token: token, token_type: 'bearer', expires_in: 3600, number_of_days_left: 12 },
		}));
		const set = await client().login({ email: 'ops@example.in', password: 'S3cret!pass' });
		expect(set.accessToken).toBe(token);
		expect(set.tokenType).toBe('bearer');
		expect(set.expiresIn).toBe(3600);
		expect(set.passwordExpiresInDays).toBe(12);
	});

	it.each([
		[200, { success: false, message: 'Invalid credentials' }],
		[401, { success: false, message: 'The username or password is incorrect.', login_failed_count: 3 }],
		[403, { success: false, message: 'The username or password is incorrect.' }],
		[400, { success: false, message: 'Invalid credentials' }],
	])('treats HTTP %i with success:false as rejected credentials', async (status, body) => {
		server.reply(() => ({ status, body }));
		const error = await client()
			.login({ email: 'ops@example.in', password: 'wrong' })
			.catch((e) => e);
		expect(error).toBeInstanceOf(SmartfloError);
		expect(error.code).toBe('INVALID_CREDENTIALS');
		expect(error.status).toBe(status);
	});

	it('surfaces login_failed_count on the error and in its message', async () => {
		server.reply(() => ({
			status: 401,
			body: { success: false, message: 'The username or password is incorrect.', login_failed_count: 4 },
		}));
		const error = await client()
			.login({ email: 'ops@example.in', password: 'wrong' })
			.catch((e) => e);
		expect(error.loginFailedCount).toBe(4);
		expect(error.message).toContain('4 so far');
	});

	it('reports a locked account distinctly', async () => {
		server.reply(() => ({ status: 401, body: { success: false, message: 'Your account has been locked.', login_failed_count: 10 } }));
		const error = await client()
			.login({ email: 'ops@example.in', password: 'wrong' })
			.catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', reason: 'ACCOUNT_LOCKED' });
		expect(error.message).toMatch(/locked/);
	});

	it.each([
		['a message', { success: false, message: 'Your password has expired. Please reset it.' }],
		['number_of_days_left: 0', { success: false, message: 'Login failed', number_of_days_left: 0 }],
	])('reports an expired password (90-day policy) from %s, not as a wrong password', async (_name, body) => {
		server.reply(() => ({ status: 200, body }));
		const error = await client()
			.login({ email: 'ops@example.in', password: 'right-but-old' })
			.catch((e) => e);
		expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', reason: 'PASSWORD_EXPIRED' });
		expect(error.message).toMatch(/password has expired/);
		expect(error.message).not.toMatch(/Wrong email or password/);
	});

	it('treats success:true without access_token as a bad response, not a login', async () => {
		server.reply(() => ({ status: 200, body: { success: true, token_type: 'bearer', expires_in: 3600 } }));
		await expect(client().login({ email: 'ops@example.in', password: 'x' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
	});

	it('turns a 422 validation answer into INVALID_INPUT', async () => {
		server.reply(() => ({
			status: 422,
			body: { success: false, message: 'The given data was invalid.', errors: { email: ['The email must be a valid email address.'] } },
		}));
		await expect(client().login({ email: 'not-an-email', password: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT', status: 422 });
	});

	it.each([
		['empty email', { email: '', password: 'x' }],
		['blank email', { email: '   ', password: 'x' }],
		['empty password', { email: 'ops@example.in', password: '' }],
		['missing password', { email: 'ops@example.in' } as { email: string; password: string }],
		['oversized password', { email: 'ops@example.in', password: 'x'.repeat(5000) }],
	])('refuses %s with INVALID_INPUT and sends nothing', async (_name, input) => {
		await expect(client().login(input)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(server.requests).toHaveLength(0);
	});
});

describe('login on the wire', () => {
	useNock();

	it('POSTs exactly the documented request to /v1/auth/login', async () => {
		const scope = nock('https://api-smartflo.tatateleservices.com', {
			reqheaders: { accept: 'application/json', 'content-type': 'application/json' },
			badheaders: ['authorization'],
		})
			.post(
				'/v1/auth/login',
				(body) => JSON.stringify(body) === JSON.stringify({ email: 'ops@example.in', password: ' pass with spaces ' }),
			)
			.reply(200, { success: true, access_token: 'opaque-token-value', token_type: 'bearer', expires_in: 3600 });

		const set = await new SmartfloAuthClient({ transport: createFetchTransport() }).login({
			email: '  ops@example.in ',
			password: ' pass with spaces ',
		});
		expect(set.accessToken).toBe('opaque-token-value');
		scope.done();
	});
});
