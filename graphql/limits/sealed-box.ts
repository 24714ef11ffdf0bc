import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes } from 'node:crypto';

import { encodeParts } from './keyed-digest';

export interface SealedBox {
	/** Encrypts `plaintext` so that only a holder of the box's key and of the same `context` can read it. */
	seal(plaintext: string, context: readonly string[]): string;
	/** The plaintext, or undefined when the value was sealed for another key or context, or altered. */
	open(sealed: string, context: readonly string[]): string | undefined;
}

const FORMAT = 'v1';

/**
 * AES-256-GCM with a key per context: HMAC-SHA256(box key, context), where the context is a secret
 * the reader must already hold (the password of a login, the token being refreshed). A copy of the
 * store, even with the server secret, opens nothing without that secret too. GCM's tag makes an
 * altered or misplaced value unreadable rather than wrong.
 */
export function createSealedBox(key: Buffer): SealedBox {
	const base = createSecretKey(key);
	const contextKey = (context: readonly string[]) => createHmac('sha256', base).update(encodeParts(context)).digest();
	return {
		seal(plaintext, context) {
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', contextKey(context), iv);
			const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
			return [FORMAT, iv, encrypted, cipher.getAuthTag()]
				.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
				.join('.');
		},
		open(sealed, context) {
			const [format, iv, encrypted, tag] = sealed.split('.');
			if (format !== FORMAT || !iv || encrypted === undefined || !tag) return undefined;
			try {
				const decipher = createDecipheriv('aes-256-gcm', contextKey(context), Buffer.from(iv, 'base64url'));
				decipher.setAuthTag(Buffer.from(tag, 'base64url'));
				return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
			} catch {
				return undefined;
			}
		},
	};
}
