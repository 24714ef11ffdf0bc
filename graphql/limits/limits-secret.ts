import { hkdfSync, randomBytes } from 'node:crypto';

import { createKeyedDigest } from './keyed-digest';
import { createSealedBox, type SealedBox } from './sealed-box';
import { secretProblem, type SecretRule } from './secret-strength';

/** Shortest LIMITS_HMAC_SECRET accepted: 32 characters of a random string carry well over 128 bits. */
export const MIN_LIMITS_SECRET_LENGTH = 32;
/** How to make a good secret, for the messages that refuse one. */
export const LIMITS_SECRET_ADVICE = 'make one with `openssl rand -base64 48`';
/** How the limits secret must look: at least 32 characters counting at least 100 bits (see estimatedSecretBits). */
const LIMITS_SECRET_RULE: SecretRule = { minLength: MIN_LIMITS_SECRET_LENGTH, minBits: 100, advice: LIMITS_SECRET_ADVICE };

/** Why `secret` cannot be the limits secret, as the end of a sentence naming it (never quoting it); undefined when it can. */
export function limitsSecretProblem(secret: string): string | undefined {
	return secretProblem(secret, LIMITS_SECRET_RULE);
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
