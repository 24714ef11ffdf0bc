import { clientAddress, rateLimitKeyForAddress } from '../../graphql/client-ip';
import { emailLimitKey } from '../../graphql/limits/email-key';
import { createKeyedDigest } from '../../graphql/limits/keyed-digest';
import { deriveLimitsKeys } from '../../graphql/limits/limits-secret';
import { MemoryStateStore } from '../../graphql/limits/memory-store';
import { memoized } from '../../graphql/limits/request-memo';
import { SharedFlights } from '../../graphql/limits/shared-flight';
import { openAnswer, sealAnswer } from '../../graphql/limits/stored-values';
import { SmartfloError, type TokenSet } from '../../src/auth';

const SECRET = 'a-limits-secret-of-at-least-32-characters';

describe('the in-memory store (rate-limiter-flexible RateLimiterMemory, LRU caches)', () => {
	it('a counter allows the limit in its window, then says how long until the window ends', async () => {
		const counter = new MemoryStateStore({ maxKeys: 10 }).counter('test', { limit: 3, windowSeconds: 60 });
		for (let attempt = 0; attempt < 3; attempt++) expect((await counter.consume('k')).allowed).toBe(true);
		const refused = await counter.consume('k');
		expect(refused.allowed).toBe(false);
		if (refused.allowed) return;
		expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
		expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
	});

	it('a counter keeps keys apart, refunds and resets', async () => {
		const counter = new MemoryStateStore({ maxKeys: 10 }).counter('test', { limit: 1, windowSeconds: 60 });
		expect((await counter.consume('a')).allowed).toBe(true);
		expect((await counter.consume('b')).allowed).toBe(true);
		expect((await counter.consume('a')).allowed).toBe(false);
		// The refused attempt was counted as well: two points back make one free slot.
		await counter.refund('a');
		await counter.refund('a');
		expect((await counter.consume('a')).allowed).toBe(true);
		await counter.reset('a');
		expect((await counter.consume('a')).allowed).toBe(true);
	});

	it("a counter's window starts afresh once it has passed", async () => {
		const counter = new MemoryStateStore({ maxKeys: 10 }).counter('test', { limit: 1, windowSeconds: 1 });
		expect((await counter.consume('k')).allowed).toBe(true);
		expect((await counter.consume('k')).allowed).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await counter.consume('k')).allowed).toBe(true);
	});

	it('a counter stays at maxKeys under 10,000 distinct keys, and a key pushed out starts afresh', async () => {
		const store = new MemoryStateStore({ maxKeys: 500 });
		const counter = store.counter('emails', { limit: 1, windowSeconds: 60 });
		expect((await counter.consume('first@example.in')).allowed).toBe(true);
		expect((await counter.consume('first@example.in')).allowed).toBe(false);
		for (let index = 0; index < 10_000; index++) await counter.consume(`user${index}@example.in`);
		expect(store.localSizes().emails).toBe(500);
		expect((await counter.consume('first@example.in')).allowed).toBe(true);
		expect((await counter.consume('user9999@example.in')).allowed).toBe(false);
	});

	it('a cache forgets an entry after its time to live and holds at most maxKeys', async () => {
		const store = new MemoryStateStore({ maxKeys: 3 });
		const cache = store.cache('values');
		await cache.set('a', 'x', 50);
		expect(await cache.get('a')).toBe('x');
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(await cache.get('a')).toBeUndefined();
		for (let index = 0; index < 1000; index++) await cache.set(`k${index}`, String(index), 60_000);
		expect(store.localSizes().values).toBe(3);
		expect(await cache.getMany(['k999', 'k0'])).toEqual(['999', undefined]);
	});

	it('a cache adds only to an empty key and deletes only the value it was given', async () => {
		const cache = new MemoryStateStore({ maxKeys: 10 }).cache('leases');
		expect(await cache.add('lease', 'one', 60_000)).toBe(true);
		expect(await cache.add('lease', 'two', 60_000)).toBe(false);
		await cache.deleteIfEquals('lease', 'two');
		expect(await cache.get('lease')).toBe('one');
		await cache.deleteIfEquals('lease', 'one');
		expect(await cache.add('lease', 'two', 60_000)).toBe(true);
	});

	it('refuses to declare one name twice (two limits would share keys)', () => {
		const store = new MemoryStateStore({ maxKeys: 10 });
		store.counter('ip', { limit: 1, windowSeconds: 1 });
		expect(() => store.cache('ip')).toThrow(/twice/);
	});
});

describe('joining calls in flight', () => {
	/** The GraphQL server's flights in one process (the core's SingleFlight), as the in-memory store runs them. */
	const flights = () =>
		new SharedFlights({
			cache: new MemoryStateStore({ maxKeys: 10 }).cache('flights'),
			keys: deriveLimitsKeys(SECRET),
			leaseMs: 1000,
			acrossProcesses: false,
		});
	const tokens = (n: number): TokenSet => ({
		accessToken: `token-${n}`,
		tokenType: 'bearer',
		expiresIn: 3600,
		expiresAt: Date.now() + 3_600_000,
	});

	it('shares one execution between concurrent callers and forgets it when settled', async () => {
		const shared = flights();
		let executions = 0;
		const execute = () => new Promise<TokenSet>((resolve) => setTimeout(() => resolve(tokens(++executions)), 10));
		const results = await Promise.all([shared.run('k', [], execute), shared.run('k', [], execute), shared.run('k', [], execute)]);
		expect(results.map((result) => result.accessToken)).toEqual(['token-1', 'token-1', 'token-1']);
		expect(shared.size).toBe(0);
		expect((await shared.run('k', [], execute)).accessToken).toBe('token-2');
	});

	it("forgets a failed execution too, and keeps a request's memo for the request", async () => {
		const shared = flights();
		await expect(shared.run('k', [], () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		expect((await shared.run('k', [], async () => tokens(7))).accessToken).toBe('token-7');
		const memo = new Map<string, Promise<number>>();
		await memoized(memo, 'k', async () => 1);
		expect(await memoized(memo, 'k', async () => 2)).toBe(1);
	});
});

describe('keyed digest', () => {
	it('is stable within a process key, differs across keys and never contains the secret', () => {
		const digest = createKeyedDigest();
		expect(digest('login', 'a@b.in', 'hunter2')).toBe(digest('login', 'a@b.in', 'hunter2'));
		expect(digest('login', 'a@b.in', 'hunter2')).not.toBe(createKeyedDigest()('login', 'a@b.in', 'hunter2'));
		expect(digest('login', 'a@b.in', 'hunter2')).not.toContain('hunter2');
		// Parts are length-prefixed, so moving a character, or a separator, across a boundary changes the key.
		expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'));
		expect(digest('login', 'a\u0000b', 'c')).not.toBe(digest('login', 'a', 'b\u0000c'));
	});

	it('is the same in every process that has the same limits secret, and only there', () => {
		expect(deriveLimitsKeys(SECRET).digest('ip', '10.0.0.1')).toBe(deriveLimitsKeys(SECRET).digest('ip', '10.0.0.1'));
		expect(deriveLimitsKeys(SECRET).digest('ip', '10.0.0.1')).not.toBe(deriveLimitsKeys(`${SECRET}!`).digest('ip', '10.0.0.1'));
		expect(deriveLimitsKeys().digest('ip', '10.0.0.1')).not.toBe(deriveLimitsKeys().digest('ip', '10.0.0.1'));
	});
});

describe('sealed values', () => {
	const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

	it('opens with the same secret and context only, and never shows the plaintext', () => {
		const keys = deriveLimitsKeys(SECRET);
		const sealed = keys.seal(token, ['old-token']);
		expect(sealed).not.toContain(token);
		expect(sealed).not.toContain(Buffer.from(token).toString('base64url').slice(0, 12));
		expect(deriveLimitsKeys(SECRET).open(sealed, ['old-token'])).toBe(token);
		expect(keys.open(sealed, ['another-token'])).toBeUndefined();
		expect(deriveLimitsKeys(`${SECRET}!`).open(sealed, ['old-token'])).toBeUndefined();
		// A fresh IV each time: the same plaintext never seals to the same text.
		expect(keys.seal(token, ['old-token'])).not.toBe(sealed);
	});

	it('reads an altered or malformed value as absent', () => {
		const keys = deriveLimitsKeys(SECRET);
		const [format, iv, encrypted, tag] = keys.seal(token, ['c']).split('.');
		const flipped = `${encrypted.slice(0, -2)}${encrypted.endsWith('AA') ? 'AB' : 'AA'}`;
		for (const altered of [`${format}.${iv}.${flipped}.${tag}`, 'v2.a.b.c', 'not sealed', '', 'v1...'])
			expect(keys.open(altered, ['c'])).toBeUndefined();
	});

	it('stores errors and token sets sealed, field by field, and reads anything else as absent', () => {
		const keys = deriveLimitsKeys(SECRET);
		const error = new SmartfloError('INVALID_CREDENTIALS', 'Wrong email or password.', {
			status: 401,
			loginFailedCount: 2,
			reason: 'WRONG_CREDENTIALS',
		});
		const sealedError = sealAnswer(keys, { error }, ['rejection', 'k']);
		expect(sealedError).not.toContain('Wrong email');
		const opened = openAnswer(keys, sealedError, ['rejection', 'k']);
		expect(opened && 'error' in opened && opened.error.toJSON()).toEqual(error.toJSON());
		const tokens = { accessToken: token, tokenType: 'bearer', expiresIn: 3600, expiresAt: 1_800_000_000_000, passwordExpiresInDays: 30 };
		expect(openAnswer(keys, sealAnswer(keys, { tokens }, ['c']), ['c'])).toEqual({ tokens });
		// Another use or key, another secret, a value in clear, or sealed fields that are not an answer: absent.
		expect(openAnswer(keys, sealedError, ['rejection', 'other key'])).toBeUndefined();
		expect(openAnswer(keys, sealedError, ['refreshed', 'k'])).toBeUndefined();
		expect(openAnswer(deriveLimitsKeys(`${SECRET}!`), sealedError, ['rejection', 'k'])).toBeUndefined();
		expect(openAnswer(keys, JSON.stringify({ error: error.toJSON() }), ['rejection', 'k'])).toBeUndefined();
		for (const junk of ['', 'null', '{"error":{"code":"NOPE","message":"x"}}', '[1]', '{"tokens":{"accessToken":1}}'])
			expect(openAnswer(keys, keys.seal(junk, ['c']), ['c'])).toBeUndefined();
		expect(
			openAnswer(keys, keys.seal('{"tokens":{"accessToken":"a","tokenType":"bearer","expiresIn":"1","expiresAt":2}}', ['c']), ['c']),
		).toBeUndefined();
	});
});

describe('client address', () => {
	const request = (forwardedFor?: string) =>
		new Request('http://x/graphql', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
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
		['an acute accent (é, one code point)', 'd\u00e9mo@smartflo.test'],
		['an acute accent (e + U+0301, two code points)', 'de\u0301mo@smartflo.test'],
		['a diaeresis', 'd\u00ebmo@smartflo.test'],
		['accents on the domain', 'demo@sm\u00e4rtfl\u00f3.test'],
		['an accented capital', 'D\u00c9MO@SMARTFLO.TEST'],
		['stacked marks and an enclosing one', 'de\u0301\u0323mo\u20dd@smartflo.test'],
	])('folds %s into the plain address', (_case, variant) => {
		expect(emailLimitKey(variant)).toBe('demo@smartflo.test');
	});

	it('lower-cases what decomposes to capitals, and strips the mark a capital lower-cases to', () => {
		expect(emailLimitKey('\u2121@smartflo.test')).toBe('tel@smartflo.test');
		expect(emailLimitKey('\u0130nfo@smartflo.test')).toBe('info@smartflo.test');
	});

	it('keeps addresses that are different apart', () => {
		const keys = ['demo@smartflo.test', 'demo2@smartflo.test', 'de.mo@smartflo.test', 'demo@smartflo.testx', 'demo.'].map(emailLimitKey);
		expect(new Set(keys).size).toBe(keys.length);
		expect(emailLimitKey('login-id.')).toBe('login-id.');
	});
});
