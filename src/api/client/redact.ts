import { isJsonObject, type JsonObject } from '../answer';

/** Secrets shorter than this are not searched for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 6;
/** A JWT, or the start of one cut off (every JWT header starts with `eyJ`). */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
/** A link with a query string, as pre-signed recording links are. */
const LINK_WITH_QUERY = /\bhttps?:\/\/[^\s"'<>]*\?[^\s"'<>]*/gi;
/** Deeper JSON is dropped rather than walked. */
const MAX_DEPTH = 8;

const REDACTED = '[redacted]';

/**
 * Takes secrets out of what Smartflo sent back before any of it reaches an error: the secrets this
 * call sent (its token, a password, an API key, and each part of a token), anything shaped like a
 * token, and links with a query string (signed recording links carry their token there).
 */
export class Redactor {
	readonly #secrets: string[];

	constructor(secrets: readonly string[]) {
		const parts = secrets.flatMap((secret) => [secret, ...secret.split('.')]);
		// Longest first, so that a whole token goes before the parts it contains.
		this.#secrets = [...new Set(parts.filter((part) => part.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
	}

	text = (raw: string): string => {
		let text = raw;
		for (const secret of this.#secrets) text = text.split(secret).join(REDACTED);
		return text.replace(LINK_WITH_QUERY, REDACTED).replace(JWT_LIKE, REDACTED);
	};

	/** A JSON answer with every string and key cleaned, deeper levels than MAX_DEPTH dropped. */
	json(value: JsonObject): JsonObject {
		return this.#value(value, 0) as JsonObject;
	}

	#value(value: unknown, depth: number): unknown {
		if (typeof value === 'string') return this.text(value);
		if (typeof value !== 'object' || value === null) return value;
		if (depth >= MAX_DEPTH) return REDACTED;
		if (Array.isArray(value)) return value.map((entry) => this.#value(entry, depth + 1));
		if (!isJsonObject(value)) return REDACTED;
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [this.text(key), this.#value(entry, depth + 1)]));
	}
}
