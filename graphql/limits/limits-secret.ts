import { hkdfSync, randomBytes } from 'node:crypto';

import { createKeyedDigest } from './keyed-digest';
import { createSealedBox, type SealedBox } from './sealed-box';

/** Shortest LIMITS_HMAC_SECRET accepted: 32 characters of a random string carry well over 128 bits. */
export const MIN_LIMITS_SECRET_LENGTH = 32;
/** The least a LIMITS_HMAC_SECRET must count by estimatedSecretBits. */
const MIN_LIMITS_SECRET_BITS = 100;
/** How to make a good secret, for the messages that refuse one. */
export const LIMITS_SECRET_ADVICE = 'make one with `openssl rand -base64 48`';

/**
 * A deliberately simple, conservative count of how hard a secret is to guess: each character that does
 * not complete a run of three characters already seen in it counts log2(the number of different
 * characters in the secret) bits. So 32 × `a` counts 0, `abab…` 4, `abcdefgh` four times 30, and 32
 * characters that never repeat a run but use only 8 different ones 96; a random 64-character base64
 * string counts over 300, a random 32-digit hex string about 120 (it undercounts short random secrets,
 * which is why the bar is 100, not 128).
 */
function estimatedSecretBits(secret: string): number {
	const characters = [...secret];
	const runs = new Set<string>();
	for (let index = 2; index < characters.length; index++) runs.add(characters.slice(index - 2, index + 1).join(''));
	const counted = Math.min(characters.length, runs.size + 2);
	return counted * Math.log2(new Set(characters).size);
}

/** Why `secret` cannot be the limits secret, as the end of a sentence naming it (never quoting it); undefined when it can. */
export function limitsSecretProblem(secret: string): string | undefined {
	if ([...secret].length < MIN_LIMITS_SECRET_LENGTH)
		return `must have at least ${MIN_LIMITS_SECRET_LENGTH} characters of random text; ${LIMITS_SECRET_ADVICE}`;
	const bits = Math.floor(estimatedSecretBits(secret));
	if (bits < MIN_LIMITS_SECRET_BITS)
		return `is too easy to guess: it repeats itself or uses too few different characters (${bits} bits counted, at least ${MIN_LIMITS_SECRET_BITS} needed); ${LIMITS_SECRET_ADVICE}`;
	return undefined;
}

export interface LimitsKeys extends SealedBox {
	/** Keyed digest of the parts: every key of every limit and cache. */
	digest(...parts: string[]): string;
}

/**
 * The keys the AuthGuard derives from the server secret (HKDF-SHA256, one key per use). Replicas that
 * share a store must share the secret, or they derive other keys and share nothing. Without one, a
 * random secret per process: right for one process, whose state dies with it.
 */
export function deriveLimitsKeys(secret?: string): LimitsKeys {
	const material = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
	const derive = (use: string) => Buffer.from(hkdfSync('sha256', material, 'smartflo-graphql limits', use, 32));
	return { digest: createKeyedDigest(derive('digest')), ...createSealedBox(derive('seal')) };
}
