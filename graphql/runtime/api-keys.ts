import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { EndpointEffect } from '../../src/api/endpoints';
import { secretProblem, type SecretRule } from '../limits/secret-strength';

/**
 * What a key allows: `read` calls only read endpoints; `write` also the endpoints that change data,
 * delete it or place, join, move or end real (paid) phone calls.
 */
export type ApiKeyPermission = 'read' | 'write';

export const API_KEY_PERMISSIONS: readonly ApiKeyPermission[] = ['read', 'write'];

/** One key as configured. `key` is the secret itself: keep it out of logs and messages (log `name`). */
export interface ApiKeyEntry {
	name: string;
	permission: ApiKeyPermission;
	key: string;
}

/** Who a key that matched belongs to, without the key. */
export interface ApiKeyIdentity {
	readonly name: string;
	readonly permission: ApiKeyPermission;
}

/** How to make a key, for the messages that refuse one. */
export const API_KEY_ADVICE = 'make one with `openssl rand -base64 32`';
/** At least 32 characters counting at least 100 bits: `openssl rand -base64 32` gives 44 that count over 200. */
export const API_KEY_RULE: SecretRule = { minLength: 32, minBits: 100, advice: API_KEY_ADVICE };
/** Longer keys are refused: a header that long is not a key anyone generated. */
const MAX_KEY_LENGTH = 256;
/** Characters of base64, base64url, hex and UUIDs; never the separators `:` and `,`, nor spaces. */
const KEY_CHARACTERS = /^[A-Za-z0-9+/=_.~-]+$/;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether a key with `permission` may call an endpoint whose effect is `effect`. */
export function permits(permission: ApiKeyPermission, effect: EndpointEffect): boolean {
	return permission === 'write' || effect === 'read';
}

/** A new random key (32 bytes, base64): what `openssl rand -base64 32` prints. */
export function generateApiKey(): string {
	return randomBytes(32).toString('base64');
}

/**
 * Entries as API_KEYS and API_KEYS_FILE write them: `name:permission:key` or `name:key` (read-only),
 * separated by commas or line breaks; blank lines and lines starting with `#` are skipped. Keys are
 * checked by ApiKeyStore. A TypeError names the entry by its place (never quoting it: it holds a key).
 */
export function parseApiKeyEntries(text: string): ApiKeyEntry[] {
	const entries: ApiKeyEntry[] = [];
	const lines = text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#'));
	const parts = lines.flatMap((line) => line.split(',')).map((part) => part.trim());
	let place = 0;
	for (const part of parts) {
		if (part === '') continue;
		place++;
		const fields = part.split(':').map((field) => field.trim());
		if (fields.length === 2) entries.push({ name: fields[0], permission: 'read', key: fields[1] });
		else if (fields.length === 3 && isPermission(fields[1])) entries.push({ name: fields[0], permission: fields[1], key: fields[2] });
		else if (fields.length === 3)
			// Not quoted: with the fields swapped it would be the key.
			throw new TypeError(`entry ${place} has a permission other than read or write (name:permission:key).`);
		else throw new TypeError(`entry ${place} is not name:permission:key (or name:key for a read-only key).`);
	}
	return entries;
}

function isPermission(value: string): value is ApiKeyPermission {
	return (API_KEY_PERMISSIONS as readonly string[]).includes(value);
}

interface StoredKey extends ApiKeyIdentity {
	readonly digest: Buffer;
}

/**
 * The API keys callers present (`X-API-Key`; the MCP server's bearer key), kept as SHA-256 digests.
 * `identify` hashes the presented value too and compares it with every stored digest with
 * `timingSafeEqual`, whichever matches and wherever: the time it takes tells nothing about how much of
 * a key was right, nor which one. Keys are checked at construction: each strong enough (API_KEY_RULE),
 * names and keys unique.
 */
export class ApiKeyStore {
	readonly #keys: readonly StoredKey[];

	/** A TypeError for an entry that cannot be used, naming it (never quoting its key). */
	constructor(entries: readonly ApiKeyEntry[]) {
		const names = new Set<string>();
		const digests = new Set<string>();
		this.#keys = entries.map((entry, index) => {
			const { name, permission, key } = entry;
			const label = typeof name === 'string' && NAME.test(name) ? `the key "${name}"` : `entry ${index + 1}`;
			if (typeof name !== 'string' || !NAME.test(name))
				throw new TypeError(`${label} needs a name of 1 to 64 letters, digits, ".", "_" and "-".`);
			if (!isPermission(permission)) throw new TypeError(`${label} needs the permission read or write.`);
			if (typeof key !== 'string' || !KEY_CHARACTERS.test(key) || key.length > MAX_KEY_LENGTH)
				throw new TypeError(
					`${label} may hold up to ${MAX_KEY_LENGTH} letters, digits and + / = _ . ~ - (base64, hex); ${API_KEY_ADVICE}.`,
				);
			const problem = secretProblem(key, API_KEY_RULE);
			if (problem) throw new TypeError(`${label} ${problem}.`);
			if (names.has(name)) throw new TypeError(`${label} is named twice.`);
			const digest = sha256(key);
			if (digests.has(digest.toString('hex'))) throw new TypeError(`${label} has the same key as another entry.`);
			names.add(name);
			digests.add(digest.toString('hex'));
			return { name, permission, digest };
		});
	}

	get size(): number {
		return this.#keys.length;
	}

	/** The names and permissions, for the banner and the logs. */
	identities(): ApiKeyIdentity[] {
		return this.#keys.map(({ name, permission }) => ({ name, permission }));
	}

	/** The key's owner, or undefined when `presented` is no key of the store. */
	identify(presented: string): ApiKeyIdentity | undefined {
		const digest = sha256(typeof presented === 'string' ? presented : '');
		let found: StoredKey | undefined;
		for (const stored of this.#keys) {
			// Every stored key is compared, even after a match.
			if (timingSafeEqual(digest, stored.digest)) found ??= stored;
		}
		return found && { name: found.name, permission: found.permission };
	}
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
