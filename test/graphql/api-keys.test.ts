import { execFileSync } from 'node:child_process';
// The module object itself (not a namespace copy), so that a spy sees the calls the store makes.
import crypto from 'node:crypto';

import { ApiKeyStore, generateApiKey, parseApiKeyEntries, permits, type ApiKeyEntry } from '../../graphql/runtime/api-keys';

const READ_KEY = 'r7Qm0f2Jx9VbKpL4sT1wYz8Hc3NdGe6A5uIoRqXvMnB=';
const WRITE_KEY = 'W2b9Kx4Pq7Lm1Zs8Tn3Vc6Hd0Jf5Gr/Ye+Ua4Io7Ep2=';

function refusal(entries: ApiKeyEntry[]): string {
	try {
		new ApiKeyStore(entries);
	} catch (error) {
		expect(error).toBeInstanceOf(TypeError);
		return (error as Error).message;
	}
	throw new Error('expected a refusal');
}

describe('API key entries', () => {
	it('reads name:permission:key and name:key (read-only), separated by commas or lines, skipping comments', () => {
		expect(parseApiKeyEntries(`retool:read:${READ_KEY}, ops-bot:write:${WRITE_KEY}`)).toEqual([
			{ name: 'retool', permission: 'read', key: READ_KEY },
			{ name: 'ops-bot', permission: 'write', key: WRITE_KEY },
		]);
		expect(parseApiKeyEntries(`# the dashboards\nretool:${READ_KEY}\n\n  # the bot\r\nops-bot : write : ${WRITE_KEY}\n`)).toEqual([
			{ name: 'retool', permission: 'read', key: READ_KEY },
			{ name: 'ops-bot', permission: 'write', key: WRITE_KEY },
		]);
		expect(parseApiKeyEntries(' , \n')).toEqual([]);
	});

	it('refuses an entry that is not name:permission:key, naming its place and never quoting it', () => {
		expect(() => parseApiKeyEntries(`a:read:${READ_KEY},b`)).toThrow(
			new TypeError('entry 2 is not name:permission:key (or name:key for a read-only key).'),
		);
		expect(() => parseApiKeyEntries(`a:admin:${READ_KEY}`)).toThrow(/entry 1 has a permission other than read or write/);
		// Key and permission swapped: the key is in the permission's place and must not be quoted.
		let message = '';
		try {
			parseApiKeyEntries(`a:${READ_KEY}:write`);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^entry 1 has a permission other than read or write/);
		expect(message).not.toContain(READ_KEY.slice(0, 8));
		expect(() => parseApiKeyEntries(`a:b:c:${READ_KEY}`)).toThrow(/entry 1 is not name:permission:key/);
	});
});

describe('the key store', () => {
	const store = new ApiKeyStore([
		{ name: 'retool', permission: 'read', key: READ_KEY },
		{ name: 'ops-bot', permission: 'write', key: WRITE_KEY },
	]);

	it('identifies each key by its name and permission, and nothing else', () => {
		expect(store.identify(READ_KEY)).toEqual({ name: 'retool', permission: 'read' });
		expect(store.identify(WRITE_KEY)).toEqual({ name: 'ops-bot', permission: 'write' });
		expect(store.size).toBe(2);
		expect(store.identities()).toEqual([
			{ name: 'retool', permission: 'read' },
			{ name: 'ops-bot', permission: 'write' },
		]);
	});

	it.each([
		['empty', ''],
		['a prefix', READ_KEY.slice(0, -1)],
		['one character more', `${READ_KEY}A`],
		['the last character changed', `${READ_KEY.slice(0, -2)}X=`],
		['the first character changed', `X${READ_KEY.slice(1)}`],
		['another case', READ_KEY.toLowerCase()],
		['with spaces around', ` ${READ_KEY} `],
		['the name', 'retool'],
		['both keys joined', `${READ_KEY}${WRITE_KEY}`],
		['non-ASCII', `${READ_KEY.slice(0, -1)}é`],
		['very long', 'k'.repeat(16 * 1024)],
	])('refuses %s', (_case, presented) => {
		expect(store.identify(presented)).toBeUndefined();
	});

	it('hashes the presented key and compares it with every stored key in constant time, after a match as well', () => {
		const keys: ApiKeyEntry[] = Array.from({ length: 5 }, (_, index) => ({ name: `k${index}`, permission: 'read', key: generateApiKey() }));
		const five = new ApiKeyStore(keys);
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			for (const presented of [keys[0].key, keys[4].key, 'short', generateApiKey()]) {
				spy.mockClear();
				five.identify(presented);
				expect(spy).toHaveBeenCalledTimes(5);
				// Both sides are SHA-256 digests: equal lengths whatever was presented.
				for (const [a, b] of spy.mock.calls) {
					expect((a as Buffer).length).toBe(32);
					expect((b as Buffer).length).toBe(32);
				}
			}
		} finally {
			spy.mockRestore();
		}
		expect(five.identify(keys[3].key)).toEqual({ name: 'k3', permission: 'read' });
	});

	it.each<[string, ApiKeyEntry[], string]>([
		['a short key', [{ name: 'a', permission: 'read', key: 'c2hvcnQta2V5' }], 'the key "a" must have at least 32 characters'],
		[
			'a key that repeats itself',
			[{ name: 'a', permission: 'read', key: 'abcdefgh'.repeat(5) }],
			'the key "a" is too easy to guess: it repeats itself or uses too few different characters',
		],
		[
			'a key with a space',
			[{ name: 'a', permission: 'read', key: `${READ_KEY.slice(0, 20)} ${READ_KEY.slice(20)}` }],
			'the key "a" may hold',
		],
		['a key with a colon', [{ name: 'a', permission: 'read', key: `${READ_KEY}:x` }], 'the key "a" may hold'],
		['a bad name', [{ name: 'has space', permission: 'read', key: READ_KEY }], 'entry 1 needs a name of 1 to 64'],
		[
			'an unknown permission',
			[{ name: 'a', permission: 'admin' as 'read', key: READ_KEY }],
			'the key "a" needs the permission read or write',
		],
		[
			'a name twice',
			[
				{ name: 'a', permission: 'read', key: READ_KEY },
				{ name: 'a', permission: 'write', key: WRITE_KEY },
			],
			'the key "a" is named twice',
		],
		[
			'a key twice',
			[
				{ name: 'a', permission: 'read', key: READ_KEY },
				{ name: 'b', permission: 'write', key: READ_KEY },
			],
			'the key "b" has the same key as another entry',
		],
	])('refuses %s, saying how to make a good one and never quoting it', (_case, entries, start) => {
		const message = refusal(entries);
		expect(message.startsWith(start)).toBe(true);
		for (const entry of entries) if (entry.key.length > 8) expect(message).not.toContain(entry.key.slice(0, 8));
		if (!/named twice|same key|needs/.test(message)) expect(message).toContain('openssl rand -base64 32');
	});

	it('accepts what openssl rand -base64 32 and -hex 16 print, and a UUID', () => {
		const openssl = (...args: string[]) => execFileSync('openssl', ['rand', ...args], { encoding: 'utf8' }).trim();
		for (const key of [openssl('-base64', '32'), openssl('-hex', '16'), openssl('-hex', '32'), crypto.randomUUID(), generateApiKey()]) {
			expect(new ApiKeyStore([{ name: 'a', permission: 'read', key }]).identify(key)).toEqual({ name: 'a', permission: 'read' });
		}
	});
});

describe('permissions', () => {
	it('a read key reads only; a write key also writes, deletes and places calls', () => {
		expect([permits('read', 'read'), permits('read', 'write'), permits('read', 'delete'), permits('read', 'call')]).toEqual([
			true,
			false,
			false,
			false,
		]);
		expect([permits('write', 'read'), permits('write', 'write'), permits('write', 'delete'), permits('write', 'call')]).toEqual([
			true,
			true,
			true,
			true,
		]);
	});
});
