import { formatElapsed, formatIstDateTime, istMidnight, parseIstDateTime } from '../../sandbox/ist-time';
import { signJwt, verifyJwt } from '../../sandbox/jwt';
import { isSameNumber, isValidCustomerNumber } from '../../sandbox/phone';
import { listParam } from '../../sandbox/query-params';
import { SeededRandom } from '../../sandbox/random';
import { createRouter } from '../../sandbox/router';
import { hs256 } from './helpers';

describe('jwt', () => {
	const claims = { sub: '42', exp: 2_000_000_000 };

	it('signs exactly as an independent HS256 implementation and verifies its own tokens', () => {
		const token = signJwt(claims, 'secret');
		expect(token).toBe(hs256(claims, 'secret'));
		expect(verifyJwt(token, 'secret')).toEqual(claims);
	});

	it('rejects another secret, any changed character, a non-HS256 header and malformed input', () => {
		const token = signJwt(claims, 'secret');
		expect(verifyJwt(token, 'other')).toBeUndefined();
		for (let index = 0; index < token.length; index++) {
			if (token[index] === '.') continue;
			const replacement = token[index] === 'A' ? 'B' : 'A';
			expect(verifyJwt(token.slice(0, index) + replacement + token.slice(index + 1), 'secret')).toBeUndefined();
		}
		const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		expect(verifyJwt(`${noneHeader}.${token.split('.')[1]}.`, 'secret')).toBeUndefined();
		for (const bad of ['', 'a.b', 'a.b.c.d', '...']) expect(verifyJwt(bad, 'secret')).toBeUndefined();
	});
});

describe('IST wall-clock time', () => {
	it('formats epoch ms as IST without a timezone', () => {
		expect(formatIstDateTime(Date.UTC(2026, 0, 31, 20, 15, 5))).toBe('2026-02-01 01:45:05');
	});

	it('parses strict Y-m-d H:i:s as IST and refuses anything else', () => {
		expect(parseIstDateTime('2026-02-01 01:45:05')).toBe(Date.UTC(2026, 0, 31, 20, 15, 5));
		for (const bad of ['2026-02-30 10:00:00', '2026-2-1 01:45:05', '2026-02-01T01:45:05', '2026-02-01', '2026-02-01 24:00:00']) {
			expect(parseIstDateTime(bad)).toBeUndefined();
		}
	});

	it('finds the IST midnight of an instant', () => {
		expect(formatIstDateTime(istMidnight(Date.UTC(2026, 0, 31, 20, 15, 5)))).toBe('2026-02-01 00:00:00');
		expect(formatIstDateTime(istMidnight(Date.UTC(2026, 0, 31, 18, 0, 0)))).toBe('2026-01-31 00:00:00');
	});

	it('formats elapsed seconds as HH:MM:SS', () => {
		expect(formatElapsed(0)).toBe('00:00:00');
		expect(formatElapsed(3723.9)).toBe('01:02:03');
	});
});

describe('phone numbers', () => {
	it('accepts 10–15 digits after a leading + or 0', () => {
		for (const good of ['9876543210', '+919876543210', '09876543210', '123456789012345']) expect(isValidCustomerNumber(good)).toBe(true);
		for (const bad of ['987654321', '0987654321', '1234567890123456', '98765 43210', '']) expect(isValidCustomerNumber(bad)).toBe(false);
	});

	it('compares numbers on their last 10 digits', () => {
		expect(isSameNumber('+919876543210', '09876543210')).toBe(true);
		expect(isSameNumber('919876543210', '9876543211')).toBe(false);
		expect(isSameNumber('1001', '1001')).toBe(false);
	});
});

describe('router', () => {
	const route = createRouter([
		{ method: 'GET', path: '/v1/user/{id}' },
		{ method: 'POST', path: '/v1/call/hangup' },
	]);

	it('extracts and decodes placeholders, and ignores a trailing slash', () => {
		expect(route('GET', '/v1/user/62501/')).toMatchObject({ kind: 'found', params: { id: '62501' } });
		expect(route('GET', '/v1/user/a%20b')).toMatchObject({ params: { id: 'a b' } });
		expect(route('GET', '/v1/user/%E0%A4')).toMatchObject({ params: { id: '%E0%A4' } });
	});

	it('tells a wrong method from an unknown path', () => {
		expect(route('GET', '/v1/call/hangup')).toEqual({ kind: 'methodNotAllowed', allowed: ['POST'] });
		expect(route('GET', '/v1/user/1/extra')).toEqual({ kind: 'notFound' });
		expect(route('GET', '/v1/callXhangup')).toEqual({ kind: 'notFound' });
	});
});

describe('PHP-style array query parameters', () => {
	it('collects name, name[] and name[n], skipping blanks', () => {
		const query = new URLSearchParams('agents=a&agents[]=b&agents[3]=c&agents[]=&agentsx=d&agents[x]=e');
		expect(listParam(query, 'agents')).toEqual(['a', 'b', 'c']);
	});
});

describe('SeededRandom', () => {
	it('repeats its sequence for the same seed and differs for another', () => {
		const draw = (seed: string) => {
			const random = new SeededRandom(seed);
			return [random.next(), random.int(1, 6), random.hex(8), random.uuid(), random.mobile()];
		};
		expect(draw('a')).toEqual(draw('a'));
		expect(draw('a')).not.toEqual(draw('b'));
	});

	it('stays within bounds', () => {
		const random = new SeededRandom('bounds');
		for (let index = 0; index < 1000; index++) {
			const value = random.int(3, 5);
			expect(value).toBeGreaterThanOrEqual(3);
			expect(value).toBeLessThanOrEqual(5);
		}
		expect(random.mobile()).toMatch(/^[6-9]\d{9}$/);
	});
});
