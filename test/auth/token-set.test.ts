import { decodeToken, checkPastedToken, normalizeToken, authorizationHeader } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';

describe('TokenSet expiry', () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(() => server.close());

	const loginWith = async (body: object) => {
		server.reply(() => ({ status: 200, body }));
		const before = Date.now();
		const set = await new SmartfloAuthClient({ baseUrl: server.url }).login({ email: 'ops@example.in', password: 'pw' });
		return { set, before, after: Date.now() };
	};

	it('is now + expires_in when the JWT expires later', async () => {
		const { set, before, after } = await loginWith({ success: true, access_token: jwtExpiringIn(7200), expires_in: 3600 });
		expect(set.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
		expect(set.expiresAt).toBeLessThanOrEqual(after + 3_600_000);
	});

	it('is the JWT exp when that is earlier than now + expires_in', async () => {
		const token = jwtExpiringIn(600);
		const { set } = await loginWith({ success: true, access_token: token, expires_in: 3600 });
		expect(set.expiresAt).toBe(decodeToken(token)!.expiresAt);
		expect(set.expiresIn).toBe(3600);
	});

	it('works with a token that is not a JWT', async () => {
		const { set, before } = await loginWith({ success: true, access_token: 'opaque-0123456789abcdef', expires_in: '1800' });
		expect(set.accessToken).toBe('opaque-0123456789abcdef');
		expect(set.expiresIn).toBe(1800);
		expect(set.expiresAt).toBeGreaterThanOrEqual(before + 1_800_000);
	});

	it('falls back to the JWT exp, then to the documented hour, when expires_in is missing or unusable', async () => {
		const token = jwtExpiringIn(900);
		const fromJwt = await loginWith({ success: true, access_token: token, expires_in: 'soon' });
		expect(fromJwt.set.expiresAt).toBe(decodeToken(token)!.expiresAt);
		expect(fromJwt.set.expiresIn).toBeGreaterThanOrEqual(899);
		expect(fromJwt.set.expiresIn).toBeLessThanOrEqual(901);
		const opaque = await loginWith({ success: true, access_token: 'opaque-0123456789abcdef' });
		expect(opaque.set.expiresIn).toBe(3600);
		expect(opaque.set.tokenType).toBe('bearer');
	});

	it('ignores a number_of_days_left that is not a count', async () => {
		const { set } = await loginWith({ success: true, access_token: jwtExpiringIn(3600), expires_in: 3600, number_of_days_left: 'many' });
		expect(set.passwordExpiresInDays).toBeUndefined();
	});
});

describe('decodeToken', () => {
	it('reads iat, exp, sub and iss in milliseconds, with or without Bearer', () => {
		const token = unsignedJwt({
			iat: 1_700_000_000,
			exp: 1_700_003_600,
			sub: 42,
			iss: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
		});
		const expected = {
			issuedAt: 1_700_000_000_000,
			expiresAt: 1_700_003_600_000,
			subject: '42',
			issuer: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
		};
		expect(decodeToken(token)).toEqual(expected);
		expect(decodeToken(`Bearer ${token}`)).toEqual(expected);
	});

	it.each([
		['an opaque string', 'opaque-token'],
		['two segments', 'abc.def'],
		['a payload that is not JSON', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig'],
		['a payload that is a JSON array', `x.${Buffer.from('[1,2]').toString('base64url')}.y`],
		['an empty string', ''],
	])('returns null for %s', (_name, value) => {
		expect(decodeToken(value)).toBeNull();
	});

	it('leaves out claims of the wrong type', () => {
		expect(decodeToken(unsignedJwt({ exp: 'never', sub: { id: 1 } }))).toEqual({});
	});
});

describe('token normalisation', () => {
	it.each([
		['abc.def.ghi', 'abc.def.ghi'],
		['Bearer abc.def.ghi', 'abc.def.ghi'],
		['bearer abc.def.ghi', 'abc.def.ghi'],
		['  BEARER\tabc.def.ghi \n', 'abc.def.ghi'],
		['Bearer Bearer abc.def.ghi', 'abc.def.ghi'],
		['"Bearer abc.def.ghi"', 'abc.def.ghi'],
		['Bearer', ''],
		['', ''],
	])('%j → %j', (raw, expected) => {
		expect(normalizeToken(raw)).toBe(expected);
	});

	it('builds the Authorization header without doubling the scheme', () => {
		expect(authorizationHeader('Bearer abc.def.ghi')).toBe('Bearer abc.def.ghi');
	});
});

describe('checkPastedToken', () => {
	const jwt = jwtExpiringIn(3600);

	it('accepts a JWT, with or without Bearer', () => {
		expect(checkPastedToken(`Bearer ${jwt}`)).toEqual({ ok: true, token: jwt });
	});

	it.each([
		['empty', '   ', 'empty'],
		['masked as the portal shows it', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3Mi****************', 'masked'],
		['an email', 'ops@example.in', 'not-a-token'],
		['too short', 'abc123', 'not-a-token'],
		['text with spaces', 'my token is here and it is long enough', 'not-a-token'],
		['a truncated JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJ.x', 'not-a-token'],
	])('refuses %s and says what to paste instead', (_name, raw, problem) => {
		const check = checkPastedToken(raw);
		expect(check).toMatchObject({ ok: false, problem });
		if (!check.ok) {
			expect(check.message).toMatch(/API Connect|token/);
			if (raw.trim()) expect(check.message).not.toContain(raw.trim());
		}
	});
});
