import { createHmac } from 'node:crypto';

import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { decodeJwt, login, request } from './helpers';

const SECRET = 'login-test-secret';
const OTHER = { email: 'ops@smartflo.test', password: 'Ops#Secret99', passwordDaysLeft: 4 };
const EXPIRED = { email: 'stale@smartflo.test', password: 'Stale#Pass1', passwordDaysLeft: 0 };

describe('POST /v1/auth/login', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox({ jwtSecret: SECRET, tokenTtlSeconds: 1800, accounts: [DEMO_ACCOUNT, OTHER, EXPIRED] });
	});
	afterAll(() => sandbox.close());

	it('answers a correct login with a bearer token, its lifetime and the password days left', async () => {
		const response = await login(sandbox.url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.body).toEqual({
			success: true,
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 1800,
			number_of_days_left: 30,
		});
	});

	it('issues an HS256 JWT signed with the sandbox secret, carrying the login claims', async () => {
		const before = Math.floor(Date.now() / 1000);
		const { body } = await login(sandbox.url);
		const { header, claims, signingInput, signature } = decodeJwt(body.access_token);
		expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
		expect(signature).toBe(createHmac('sha256', SECRET).update(signingInput).digest('base64url'));
		expect(claims).toEqual({
			iss: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
			iat: expect.any(Number),
			exp: claims.iat + 1800,
			nbf: claims.iat,
			jti: expect.stringMatching(/^[0-9A-Za-z]{16}$/),
			sub: expect.stringMatching(/^\d+$/),
		});
		expect(claims.iat).toBeGreaterThanOrEqual(before);
		expect(claims.iat).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
	});

	it('gives every login a fresh token id and each account its own subject', async () => {
		const first = decodeJwt((await login(sandbox.url)).body.access_token).claims;
		const second = decodeJwt((await login(sandbox.url)).body.access_token).claims;
		const other = decodeJwt((await login(sandbox.url, OTHER.email, OTHER.password)).body.access_token).claims;
		expect(second.jti).not.toBe(first.jti);
		expect(second.sub).toBe(first.sub);
		expect(other.sub).not.toBe(first.sub);
	});

	it('uses the TTL configured at runtime for later logins', async () => {
		sandbox.configure({ tokenTtlSeconds: 600 });
		try {
			const { body } = await login(sandbox.url);
			const { claims } = decodeJwt(body.access_token);
			expect(body.expires_in).toBe(600);
			expect(claims.exp - claims.iat).toBe(600);
		} finally {
			sandbox.configure({ tokenTtlSeconds: 1800 });
		}
	});

	it("reports each account's own number_of_days_left", async () => {
		const { body } = await login(sandbox.url, OTHER.email, OTHER.password);
		expect(body.number_of_days_left).toBe(4);
	});

	it('refuses an account whose password has expired under the 90-day policy', async () => {
		const response = await login(sandbox.url, EXPIRED.email, EXPIRED.password);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ success: false, number_of_days_left: 0 });
		expect(response.body.message).toMatch(/password has expired/);
		expect(response.body.access_token).toBeUndefined();
	});

	it('matches the email case-insensitively and ignores surrounding spaces', async () => {
		const response = await login(sandbox.url, '  DEMO@Smartflo.TEST ', DEMO_ACCOUNT.password);
		expect(response.body.success).toBe(true);
	});

	it('answers an unknown email with HTTP 200 and "Invalid credentials"', async () => {
		const response = await login(sandbox.url, 'nobody@smartflo.test', 'whatever');
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Invalid credentials' });
	});

	it('answers a wrong password with HTTP 401 and a growing login_failed_count, reset by a success', async () => {
		const wrong = () => login(sandbox.url, OTHER.email, 'not-the-password');
		const first = await wrong();
		expect(first.status).toBe(401);
		expect(first.body).toEqual({ success: false, message: 'The username or password is incorrect.', login_failed_count: 1 });
		expect((await wrong()).body.login_failed_count).toBe(2);
		expect((await wrong()).body.login_failed_count).toBe(3);
		expect(sandbox.accountState(OTHER.email)).toEqual({ loginFailedCount: 3, locked: false });

		expect((await login(sandbox.url, OTHER.email, OTHER.password)).body.success).toBe(true);
		expect(sandbox.accountState(OTHER.email).loginFailedCount).toBe(0);
		expect((await wrong()).body.login_failed_count).toBe(1);
		await login(sandbox.url, OTHER.email, OTHER.password);
	});

	it('counts failures per account', async () => {
		await login(sandbox.url, OTHER.email, 'bad');
		expect(sandbox.accountState(DEMO_ACCOUNT.email).loginFailedCount).toBe(0);
		expect(sandbox.accountState(OTHER.email).loginFailedCount).toBe(1);
		await login(sandbox.url, OTHER.email, OTHER.password);
	});

	it('does not trim the password (Laravel leaves passwords as typed)', async () => {
		const response = await login(sandbox.url, DEMO_ACCOUNT.email, ` ${DEMO_ACCOUNT.password} `);
		expect(response.status).toBe(401);
		await login(sandbox.url);
	});

	it('never locks an account unless lockAfterFailedLogins is set', async () => {
		for (let attempt = 1; attempt <= 12; attempt++) await login(sandbox.url, OTHER.email, 'bad');
		expect(sandbox.accountState(OTHER.email)).toEqual({ loginFailedCount: 12, locked: false });
		expect((await login(sandbox.url, OTHER.email, OTHER.password)).body.success).toBe(true);
	});

	it.each([
		['a missing email', { password: 'x' }, { email: ['The email field is required.'] }],
		['a missing password', { email: DEMO_ACCOUNT.email }, { password: ['The password field is required.'] }],
		[
			'blank fields',
			{ email: '  ', password: '' },
			{ email: ['The email field is required.'], password: ['The password field is required.'] },
		],
		['a non-string email', { email: { a: 1 }, password: 'x' }, { email: ['The email must be a string.'] }],
		['an empty object', {}, { email: ['The email field is required.'], password: ['The password field is required.'] }],
	])('answers %s with the 422 validation envelope', async (_case, body, errors) => {
		const response = await request(sandbox.url, '/v1/auth/login', { body });
		expect(response.status).toBe(422);
		expect(response.body).toEqual({ success: false, message: 'The given data was invalid.', errors });
	});

	it('treats malformed JSON as empty input (422), never as a crash', async () => {
		const response = await request(sandbox.url, '/v1/auth/login', { body: '{"email": "demo@smartflo.test",' });
		expect(response.status).toBe(422);
		expect(Object.keys(response.body.errors)).toEqual(['email', 'password']);
	});

	it('accepts a form-encoded body', async () => {
		const response = await request(sandbox.url, '/v1/auth/login', {
			body: new URLSearchParams({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(response.body.success).toBe(true);
	});
});

describe('login lockout (lockAfterFailedLogins)', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox({ lockAfterFailedLogins: 3 });
	});
	afterAll(() => sandbox.close());

	it('locks the account at the threshold and then refuses even the right password', async () => {
		for (let attempt = 1; attempt <= 3; attempt++) {
			const response = await login(sandbox.url, DEMO_ACCOUNT.email, 'wrong');
			expect(response.body).toMatchObject({ message: 'The username or password is incorrect.', login_failed_count: attempt });
		}
		expect(sandbox.accountState(DEMO_ACCOUNT.email)).toEqual({ loginFailedCount: 3, locked: true });

		const locked = await login(sandbox.url);
		expect(locked.status).toBe(401);
		expect(locked.body).toEqual({
			success: false,
			message: 'Your account has been locked due to too many failed login attempts.',
			login_failed_count: 3,
		});
		expect(locked.body.access_token).toBeUndefined();
	});

	it('can be unlocked for the next test run', async () => {
		sandbox.unlockAccount(DEMO_ACCOUNT.email);
		expect(sandbox.accountState(DEMO_ACCOUNT.email)).toEqual({ loginFailedCount: 0, locked: false });
		expect((await login(sandbox.url)).body.success).toBe(true);
	});

	it('rejects an invalid threshold', async () => {
		await expect(startSandbox({ lockAfterFailedLogins: 0 })).rejects.toThrow(TypeError);
	});

	it('throws for an unknown account in accountState', () => {
		expect(() => sandbox.accountState('ghost@smartflo.test')).toThrow(RangeError);
	});
});
