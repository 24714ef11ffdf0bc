import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { TokenAuthority } from '../../sandbox/tokens';
import { decodeJwt, loginToken, request } from './helpers';

const BLACKLISTED = { success: false, message: 'Deleted or blacklisted token provided' };
const EXPIRED = { message: 'Token has expired' };

describe('token administration', () => {
	let sandbox: SandboxHandle;
	const other = { email: 'second@smartflo.test', password: 'Second#Pass1' };

	beforeAll(async () => {
		sandbox = await startSandbox({ accounts: [{ email: 'demo@smartflo.test', password: 'Demo@Pass123' }, other] });
	});
	afterAll(() => sandbox.close());

	const myNumber = (token: string) => request(sandbox.url, '/v1/my_number', { token });

	it('mints a login token with the configured TTL without counting a login', async () => {
		sandbox.resetStats();
		const token = sandbox.issueToken({});
		const { claims } = decodeJwt(token);
		expect(claims.iss).toBe('https://cloudphone.tatateleservices.com/api/v1/auth/login');
		expect(claims.exp - claims.iat).toBe(3600);
		expect(claims.cr).toBeUndefined();
		expect((await myNumber(token)).status).toBe(200);
		expect(sandbox.stats()).toMatchObject({ logins: 0, loginAttempts: 0 });
	});

	it('mints a permanent token: generate issuer, cr true, about 9.5 years', () => {
		const { claims } = decodeJwt(sandbox.issueToken({ kind: 'permanent' }));
		expect(claims.iss).toBe('https://cloudphone.tatateleservices.com/token/generate');
		expect(claims.cr).toBe(true);
		expect(claims.exp - claims.iat).toBe(300_000_000);
	});

	it('mints an API Connect token: api-token issuer, cr false, 90 days', () => {
		const { claims } = decodeJwt(sandbox.issueToken({ kind: 'api-connect' }));
		expect(claims.iss).toBe('https://cloudphone.tatateleservices.com/connect/api/v1/api-token');
		expect(claims.cr).toBe(false);
		expect(claims.exp - claims.iat).toBe(90 * 86_400);
	});

	it("uses the account's user id as subject and honours a custom TTL", async () => {
		const first = decodeJwt(sandbox.issueToken({ ttlSeconds: 42 })).claims;
		const second = decodeJwt(sandbox.issueToken({ email: other.email })).claims;
		expect(first.exp - first.iat).toBe(42);
		expect(second.sub).not.toBe(first.sub);
		const loggedIn = decodeJwt(await loginToken(sandbox.url)).claims;
		expect(loggedIn.sub).toBe(first.sub);
	});

	it('mints an already expired token for a zero or negative TTL', async () => {
		expect((await myNumber(sandbox.issueToken({ ttlSeconds: 0 }))).body).toEqual(EXPIRED);
		expect((await myNumber(sandbox.issueToken({ ttlSeconds: -60 }))).body).toEqual(EXPIRED);
	});

	it('rejects bad issueToken input', () => {
		expect(() => sandbox.issueToken({ email: 'ghost@smartflo.test' })).toThrow(RangeError);
		expect(() => sandbox.issueToken({ kind: 'forever' as never })).toThrow(TypeError);
		expect(() => sandbox.issueToken({ ttlSeconds: Number.NaN })).toThrow(TypeError);
	});

	it('revokeToken blacklists exactly that token (with or without a Bearer prefix)', async () => {
		const revoked = sandbox.issueToken({ kind: 'permanent' });
		const prefixed = sandbox.issueToken({});
		const kept = sandbox.issueToken({});
		sandbox.revokeToken(revoked);
		sandbox.revokeToken(`Bearer ${prefixed}`);
		sandbox.revokeToken('not-a-token');
		const response = await myNumber(revoked);
		expect(response.status).toBe(401);
		expect(response.body).toEqual(BLACKLISTED);
		expect((await myNumber(prefixed)).body).toEqual(BLACKLISTED);
		expect((await myNumber(kept)).status).toBe(200);
	});

	it('revokeAllTokens blacklists every token issued so far, but not later ones', async () => {
		const before = [await loginToken(sandbox.url), sandbox.issueToken({ kind: 'api-connect' })];
		sandbox.revokeAllTokens();
		for (const token of before) expect((await myNumber(token)).body).toEqual(BLACKLISTED);
		expect((await myNumber(await loginToken(sandbox.url))).status).toBe(200);
		expect((await myNumber(sandbox.issueToken({ kind: 'permanent' }))).status).toBe(200);
	});

	it('expireAllTokens makes every token issued so far expired, but not later ones', async () => {
		const before = [await loginToken(sandbox.url), sandbox.issueToken({ kind: 'permanent' })];
		sandbox.expireAllTokens();
		for (const token of before) {
			const response = await myNumber(token);
			expect(response.status).toBe(401);
			expect(response.body).toEqual(EXPIRED);
		}
		const refreshed = await request(sandbox.url, '/v1/auth/refresh', { method: 'POST', token: before[0] });
		expect(refreshed.body).toEqual(EXPIRED);
		expect((await myNumber(await loginToken(sandbox.url))).status).toBe(200);
	});
});

describe('TokenAuthority memory bound', () => {
	it('keeps nothing per issued token and drops revocations of tokens that have expired', () => {
		const authority = new TokenAuthority('bound-secret');
		for (let index = 0; index < 5000; index++) authority.issue({ sub: '1', kind: 'login', ttlSeconds: 3600 });
		expect(authority.revokedEntries).toBe(0);

		for (let index = 0; index < 5000; index++) {
			authority.revoke(authority.issue({ sub: '1', kind: 'login', ttlSeconds: -1 }));
		}
		expect(authority.revokedEntries).toBeLessThan(1024);

		const live = authority.issue({ sub: '1', kind: 'login', ttlSeconds: 3600 });
		authority.revoke(live);
		expect(authority.check(live)).toEqual({ status: 'rejected' });
	});

	it('forgets individual revocations once everything is expired or revoked wholesale', () => {
		const authority = new TokenAuthority('bound-secret');
		for (let index = 0; index < 10; index++) authority.revoke(authority.issue({ sub: '1', kind: 'login', ttlSeconds: 60 }));
		expect(authority.revokedEntries).toBe(10);
		authority.expireAll();
		expect(authority.revokedEntries).toBe(0);
	});
});
