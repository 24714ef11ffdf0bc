import { createHmac, createSecretKey, randomBytes } from 'node:crypto';

/**
 * Turns secrets (a password, a token) into map keys. An HMAC with a per-process random key rather
 * than a bare SHA-256: a memory dump or a debugger then shows keys that cannot be tested against a
 * password list offline.
 */
export function createKeyedDigest(secret: Buffer = randomBytes(32)): (...parts: string[]) => string {
	// Imported once: createHmac with a raw Buffer re-imports the key on every call, about 7× the cost of the HMAC itself.
	const key = createSecretKey(secret);
	return (...parts) => createHmac('sha256', key).update(parts.join('\u0000')).digest('base64url');
}
