import { createHmac, createSecretKey, randomBytes } from 'node:crypto';

/**
 * Turns secrets (a password, a token) into state keys. An HMAC rather than a bare SHA-256: a memory
 * dump or a copy of Redis shows keys that cannot be tested against a password list without the key.
 * Each part is length-prefixed, so no choice of parts can produce another tuple's digest.
 */
export function createKeyedDigest(secret: Buffer = randomBytes(32)): (...parts: string[]) => string {
	// Imported once: createHmac with a raw Buffer re-imports the key on every call, about 7× the cost of the HMAC itself.
	const key = createSecretKey(secret);
	return (...parts) => createHmac('sha256', key).update(encodeParts(parts)).digest('base64url');
}

/** `<length>:<part>` for each part: an unambiguous encoding of a tuple of strings. */
export function encodeParts(parts: readonly string[]): string {
	return parts.map((part) => `${part.length}:${part}`).join('');
}
