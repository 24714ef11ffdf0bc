import { createHash, timingSafeEqual } from 'node:crypto';

export type SecretCheck = 'accepted' | 'missing' | 'wrong';

/**
 * Compares the secret a delivery presents with the configured one in constant time: both are hashed
 * first, so the comparison never depends on where they differ or on their lengths.
 */
export function checkSecret(presented: unknown, expected: string): SecretCheck {
	if (presented === undefined || presented === null || presented === '') return 'missing';
	// A repeated parameter or header (an array) is never a match.
	if (typeof presented !== 'string') return 'wrong';
	return timingSafeEqual(digest(presented), digest(expected)) ? 'accepted' : 'wrong';
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
