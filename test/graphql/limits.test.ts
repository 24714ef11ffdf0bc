import { clientAddress, rateLimitKeyForAddress } from '../../graphql/client-ip';
import { emailLimitKey } from '../../graphql/limits/email-key';
import { ExpiringMap } from '../../graphql/limits/expiring-map';
import { createKeyedDigest } from '../../graphql/limits/keyed-digest';
import { RateLimiter } from '../../graphql/limits/rate-limiter';
import { SingleFlight } from '../../graphql/limits/single-flight';

function clock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ExpiringMap', () => {
	it('forgets an entry after its time to live', () => {
		const time = clock();
		const map = new ExpiringMap<string>({ maxEntries: 10, now: time.now });
		map.set('a', 'x', 1000);
		time.advance(999);
		expect(map.get('a')).toBe('x');
		time.advance(1);
		expect(map.get('a')).toBeUndefined();
		expect(map.size).toBe(0);
	});

	it('never holds more than maxEntries, dropping the least recently used', () => {
		const map = new ExpiringMap<number>({ maxEntries: 3 });
		for (const key of ['a', 'b', 'c']) map.set(key, 1, 60_000);
		map.get('a');
		map.set('d', 1, 60_000);
		expect(map.size).toBe(3);
		expect(map.get('b')).toBeUndefined();
		expect(map.get('a')).toBe(1);
		for (let index = 0; index < 10_000; index++) map.set(`k${index}`, index, 60_000);
		expect(map.size).toBe(3);
	});
});

describe('RateLimiter (token bucket)', () => {
	it('allows the limit, then says exactly how long to wait', () => {
		const time = clock();
		const limiter = new RateLimiter({ limit: 3, windowSeconds: 60, maxKeys: 10, now: time.now });
		expect([limiter.take('k'), limiter.take('k'), limiter.take('k')].every((decision) => decision.allowed)).toBe(true);
		expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 20 });
		time.advance(19_000);
		expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
		time.advance(1_000);
		expect(limiter.take('k').allowed).toBe(true);
	});

	it('keeps keys apart, refunds and resets', () => {
		const limiter = new RateLimiter({ limit: 1, windowSeconds: 60, maxKeys: 10 });
		expect(limiter.take('a').allowed).toBe(true);
		expect(limiter.take('b').allowed).toBe(true);
		expect(limiter.take('a').allowed).toBe(false);
		limiter.refund('a');
		expect(limiter.take('a').allowed).toBe(true);
		limiter.reset('a');
		expect(limiter.take('a').allowed).toBe(true);
	});

	it('forgets a key once its bucket is full again', () => {
		const time = clock();
		const limiter = new RateLimiter({ limit: 2, windowSeconds: 10, maxKeys: 10, now: time.now });
		limiter.take('k');
		expect(limiter.size).toBe(1);
		time.advance(5_000);
		limiter.take('other');
		expect(limiter.size).toBe(1);
	});

	it('stays at maxKeys under 10,000 distinct keys', () => {
		const limiter = new RateLimiter({ limit: 5, windowSeconds: 60, maxKeys: 500 });
		for (let index = 0; index < 10_000; index++) limiter.take(`user${index}@example.in`);
		expect(limiter.size).toBe(500);
	});
});

describe('SingleFlight', () => {
	it('shares one execution between concurrent callers and forgets it when settled', async () => {
		const flights = new SingleFlight<number>();
		let executions = 0;
		const execute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++executions), 10));
		const results = await Promise.all([flights.run('k', execute), flights.run('k', execute), flights.run('k', execute)]);
		expect(results).toEqual([1, 1, 1]);
		expect(flights.size).toBe(0);
		expect(await flights.run('k', execute)).toBe(2);
	});

	it('forgets a failed execution too', async () => {
		const flights = new SingleFlight<number>();
		await expect(flights.run('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect(await flights.run('k', async () => 7)).toBe(7);
	});
});

describe('keyed digest', () => {
	it('is stable within a process key, differs across keys and never contains the secret', () => {
		const digest = createKeyedDigest();
		expect(digest('login', 'a@b.in', 'hunter2')).toBe(digest('login', 'a@b.in', 'hunter2'));
		expect(digest('login', 'a@b.in', 'hunter2')).not.toBe(createKeyedDigest()('login', 'a@b.in', 'hunter2'));
		expect(digest('login', 'a@b.in', 'hunter2')).not.toContain('hunter2');
		// Parts are separated, so moving a character across the boundary changes the key.
		expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'));
	});
});

describe('client address', () => {
	const request = (forwardedFor?: string) => new Request('http://x/graphql', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
	const from = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });

	it('uses the socket address and ignores X-Forwarded-For by default', () => {
		expect(clientAddress(request('1.2.3.4'), from('127.0.0.1'), 0)).toBe('127.0.0.1');
	});

	it('reads X-Forwarded-For from the right, one entry per trusted proxy', () => {
		expect(clientAddress(request('1.1.1.1, 2.2.2.2, 3.3.3.3'), from('10.0.0.2'), 1)).toBe('3.3.3.3');
		expect(clientAddress(request('1.1.1.1, 2.2.2.2, 3.3.3.3'), from('10.0.0.2'), 2)).toBe('2.2.2.2');
		expect(clientAddress(request('3.3.3.3'), from('10.0.0.2'), 3)).toBe('3.3.3.3');
		expect(clientAddress(request(), from('10.0.0.2'), 1)).toBe('10.0.0.2');
	});

	it('strips a port from a forwarded address', () => {
		expect(clientAddress(request('1.2.3.4:5678'), from('10.0.0.2'), 1)).toBe('1.2.3.4');
		expect(clientAddress(request('[2001:db8:0:1::7]:443'), from('10.0.0.2'), 1)).toBe('2001:db8:0:1::/64');
		expect(clientAddress(request('[::1]:80'), from('10.0.0.2'), 1)).toBe('0:0:0:0::/64');
		expect(clientAddress(request('[2001:db8::5]'), from('10.0.0.2'), 1)).toBe('2001:db8:0:0::/64');
		expect(clientAddress(request('9.9.9.9, 1.2.3.4:5678'), from('10.0.0.2'), 2)).toBe('9.9.9.9');
	});

	it.each(['unknown', 'garbage', '_hidden', '1.2.3', '1.2.3.4:port', '999.1.1.1', '[1.2.3.4', 'fe80::zz', '"1.2.3.4"'])(
		'falls back to the socket address for the forwarded entry %j, not to a shared bucket',
		(hop) => {
			expect(clientAddress(request(hop), from('10.0.0.2'), 1)).toBe('10.0.0.2');
			expect(clientAddress(request(`5.5.5.5, ${hop}`), from('::ffff:10.0.0.3'), 1)).toBe('10.0.0.3');
		},
	);

	it('has one key for calls without a socket (yoga.fetch)', () => {
		expect(clientAddress(request(), {}, 0)).toBe('unknown');
	});

	it('unwraps IPv4-mapped IPv6 and groups IPv6 by /64', () => {
		expect(rateLimitKeyForAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(rateLimitKeyForAddress('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
		expect(rateLimitKeyForAddress('2001:0db8:0000:0001:ffff::2')).toBe('2001:db8:0:1::/64');
		expect(rateLimitKeyForAddress('::1')).toBe('0:0:0:0::/64');
		expect(rateLimitKeyForAddress('not an address')).toBe('unknown');
	});
});

describe('email limit key', () => {
	it.each([
		['case', 'Demo@Smartflo.TEST'],
		['surrounding spaces', '  demo@smartflo.test\t'],
		['a zero-width space', 'de\u200bmo@smartflo.test'],
		['a soft hyphen', 'de\u00admo@smartflo.test'],
		['a byte order mark and a word joiner', '\ufeffdemo@smart\u2060flo.test'],
		['full-width letters', '\uff44\uff45\uff4d\uff4f@smartflo.test'],
		['a full-width at sign', 'demo\uff20smartflo.test'],
		['a trailing NUL and other controls', 'demo@smartflo.test\u0000\u0007'],
		['a trailing dot on the domain', 'demo@smartflo.test.'],
		['a no-break space before a trailing dot', 'demo@smartflo.test.\u00a0'],
	])('folds %s into the plain address', (_case, variant) => {
		expect(emailLimitKey(variant)).toBe('demo@smartflo.test');
	});

	it('keeps addresses that are different apart', () => {
		const keys = ['demo@smartflo.test', 'demo2@smartflo.test', 'de.mo@smartflo.test', 'demo@smartflo.testx', 'demo.'].map(emailLimitKey);
		expect(new Set(keys).size).toBe(keys.length);
		expect(emailLimitKey('login-id.')).toBe('login-id.');
	});
});
