import { inspectToken } from '../../src/auth';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';

describe('inspectToken', () => {
	const now = Date.UTC(2026, 11, 1, 12, 0, 0);
	const seconds = now / 1000;

	it('reads a login token: valid, seconds left, kind', () => {
		const token = unsignedJwt({
			iss: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
			iat: seconds,
			exp: seconds + 600,
			sub: '9',
		});
		expect(inspectToken(`Bearer ${token}`, now)).toEqual({
			readable: true,
			valid: true,
			expired: false,
			issuedAt: now,
			expiresAt: now + 600_000,
			secondsRemaining: 600,
			subject: '9',
			issuer: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
			kind: 'login',
			permanent: false,
		});
	});

	it('tells permanent and API Connect tokens apart', () => {
		expect(
			inspectToken(unsignedJwt({ iss: 'https://x/token/generate', iat: seconds, exp: seconds + 300_000_000, cr: true }), now),
		).toMatchObject({ kind: 'permanent', permanent: true });
		expect(
			inspectToken(unsignedJwt({ iss: 'https://x/connect/api/v1/api-token', iat: seconds, exp: seconds + 90 * 86_400, cr: false }), now),
		).toMatchObject({ kind: 'apiConnect', permanent: false });
	});

	it.each([
		['exp -1e20', { exp: -1e20 }],
		['exp 1e14', { exp: 1e14 }],
		['exp 8.64e12 (the largest Date, year 275760)', { exp: 8.64e12 }],
		['exp Infinity as a string', { exp: 'Infinity' }],
		['iat 1e14', { iat: 1e14, exp: seconds + 600 }],
	])('an impossible time (%s) reads as unknown and the token as invalid; nothing throws', (_what, claims) => {
		const inspection = inspectToken(unsignedJwt({ sub: '1', ...claims }), now);
		expect(inspection.readable).toBe(true);
		expect(inspection.valid).toBe(false);
		for (const time of [inspection.expiresAt, inspection.issuedAt]) {
			if (time !== undefined) expect(new Date(time).toISOString()).toMatch(/^\d{4}-/);
		}
		if ('exp' in claims && typeof claims.exp === 'number' && Math.abs(claims.exp) > 1e12)
			expect(inspection).not.toHaveProperty('expiresAt');
	});

	it('keeps the edges of what a date can hold', () => {
		expect(inspectToken(unsignedJwt({ exp: Date.UTC(9999, 11, 31) / 1000 }), now)).toMatchObject({
			valid: true,
			expiresAt: Date.UTC(9999, 11, 31),
		});
		const beyond = inspectToken(unsignedJwt({ exp: Date.UTC(10000, 0, 2) / 1000 }), now);
		expect(beyond.valid).toBe(false);
		expect(beyond).not.toHaveProperty('expiresAt');
	});

	it('reports an expired token', () => {
		expect(inspectToken(jwtExpiringIn(-5))).toMatchObject({ readable: true, valid: false, expired: true, secondsRemaining: 0 });
	});

	it.each([
		['not a JWT', 'not-a-token'],
		['an empty string', ''],
		['a non-object payload', `${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.sig`],
		['longer than any Smartflo token', `${jwtExpiringIn(60)}${'a'.repeat(17 * 1024)}`],
	])('%s is unreadable, not valid', (_what, token) => {
		expect(inspectToken(token, now)).toEqual({ readable: false, valid: false, expired: false, kind: 'unknown', permanent: false });
	});
});
