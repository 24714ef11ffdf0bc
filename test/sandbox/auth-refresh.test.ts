import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { decodeJwt, hs256, loginToken, request, sleep } from './helpers';

const SECRET = 'refresh-test-secret';
const BLACKLISTED = { success: false, message: 'Deleted or blacklisted token provided' };

describe('POST /v1/auth/refresh', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox({ jwtSecret: SECRET, tokenTtlSeconds: 900 });
	});
	afterAll(() => sandbox.close());

	const refresh = (authorization?: string) =>
		request(sandbox.url, '/v1/auth/refresh', {
			method: 'POST',
			headers: authorization === undefined ? {} : { Authorization: authorization },
		});
	const users = (token: string) => request(sandbox.url, '/v1/users', { headers: { Authorization: `Bearer ${token}` } });

	it.each([
		['Bearer <jwt>', (token: string) => `Bearer ${token}`],
		['bearer <jwt>', (token: string) => `bearer ${token}`],
		['BEARER <jwt>', (token: string) => `BEARER ${token}`],
		['the raw <jwt>', (token: string) => token],
	])('accepts %s and returns a new token', async (_form, format) => {
		const old = await loginToken(sandbox.url);
		const response = await refresh(format(old));
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: true, access_token: expect.any(String), token_type: 'bearer', expires_in: 900 });
		expect(response.body.access_token).not.toBe(old);
		expect((await users(response.body.access_token)).status).toBe(200);
	});

	it('keeps the subject and stamps the refresh issuer', async () => {
		const old = await loginToken(sandbox.url);
		const fresh = (await refresh(`Bearer ${old}`)).body.access_token;
		const before = decodeJwt(old).claims;
		const after = decodeJwt(fresh).claims;
		expect(after.sub).toBe(before.sub);
		expect(after.iss).toBe('https://cloudphone.tatateleservices.com/api/v1/auth/refresh');
		expect(after.exp - after.iat).toBe(900);
		expect(after.jti).not.toBe(before.jti);
	});

	it('blacklists the old token: it can neither call the API nor be refreshed again', async () => {
		const old = await loginToken(sandbox.url);
		expect((await refresh(`Bearer ${old}`)).status).toBe(200);

		const api = await users(old);
		expect(api.status).toBe(401);
		expect(api.body).toEqual(BLACKLISTED);
		const again = await refresh(`Bearer ${old}`);
		expect(again.status).toBe(401);
		expect(again.body).toEqual(BLACKLISTED);
	});

	it('refuses an expired token with "Token has expired"', async () => {
		const expired = sandbox.issueToken({ ttlSeconds: -5 });
		const response = await refresh(`Bearer ${expired}`);
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ message: 'Token has expired' });
	});

	it.each([
		['garbage', 'not-a-jwt'],
		['two segments', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0'],
		['a doubled prefix', 'Bearer Bearer x.y.z'],
	])('answers %s as a blacklisted token', async (_case, value) => {
		const response = await refresh(value.startsWith('Bearer') ? value : `Bearer ${value}`);
		expect(response.status).toBe(401);
		expect(response.body).toEqual(BLACKLISTED);
	});

	it('answers a token signed with another secret as blacklisted', async () => {
		const now = Math.floor(Date.now() / 1000);
		const forged = hs256({ iss: 'x', iat: now, exp: now + 600, nbf: now, jti: '00000001abcdefgh', sub: '10001' }, 'wrong-secret');
		expect((await refresh(`Bearer ${forged}`)).body).toEqual(BLACKLISTED);
	});

	it('accepts a token minted independently with the right secret (the signature is plain HS256)', async () => {
		const now = Math.floor(Date.now() / 1000);
		const minted = hs256({ iss: 'x', iat: now, exp: now + 600, nbf: now, jti: '0000zzzzabcdefgh', sub: '10001' }, SECRET);
		expect((await refresh(`Bearer ${minted}`)).status).toBe(200);
	});

	it('answers a tampered payload as blacklisted', async () => {
		const token = await loginToken(sandbox.url);
		const [header, , signature] = token.split('.');
		const claims = { ...decodeJwt(token).claims, sub: '99999' };
		const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
		expect((await users(tampered)).body).toEqual(BLACKLISTED);
	});

	it('answers a missing or empty Authorization header with the gateway 400', async () => {
		for (const response of [await refresh(), await refresh('')]) {
			expect(response.status).toBe(400);
			expect(response.body).toEqual({ message: 'Missing required request parameters: [Authorization]' });
		}
	});

	it('does not accept the email and password in the body instead (a common client bug)', async () => {
		const response = await request(sandbox.url, '/v1/auth/refresh', { body: DEMO_ACCOUNT });
		expect(response.status).toBe(400);
	});
});

describe('token expiry in real time', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox({ tokenTtlSeconds: 2 });
	});
	afterAll(() => sandbox.close());

	it('accepts a token until its exp, then answers "Token has expired"', async () => {
		const token = await loginToken(sandbox.url);
		const call = () => request(sandbox.url, '/v1/my_number', { token });
		expect((await call()).status).toBe(200);

		const { exp } = decodeJwt(token).claims;
		await sleep(exp * 1000 - Date.now() + 20);
		const response = await call();
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ message: 'Token has expired' });
	});
});
