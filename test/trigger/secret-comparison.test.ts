import * as crypto from 'node:crypto';

import { MISSED_HANGUP } from './fixtures';
import { deliver, SECRET } from './harness';

jest.mock('node:crypto', () => {
	const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const compare = crypto.timingSafeEqual as jest.MockedFunction<typeof crypto.timingSafeEqual>;

beforeEach(() => compare.mockClear());

it.each([
	['shorter', 'short'],
	['longer', `${SECRET}-and-much-longer-than-the-configured-one`],
	['equal', SECRET],
])('a %s secret is compared with timingSafeEqual on two SHA-256 digests of 32 bytes', async (_label, presented) => {
	await deliver({ json: MISSED_HANGUP, query: new URLSearchParams({ secret: presented }).toString() });
	expect(compare).toHaveBeenCalledTimes(1);
	const [given, expected] = compare.mock.calls[0] as [Buffer, Buffer];
	expect([given.length, expected.length]).toEqual([32, 32]);
	expect(given.equals(crypto.createHash('sha256').update(presented).digest())).toBe(true);
	expect(expected.equals(crypto.createHash('sha256').update(SECRET).digest())).toBe(true);
});
