import { SmartfloError } from './errors';

const BEARER_PREFIX = /^\s*bearer\s+/i;
const TOKEN_CHARACTERS = /^[A-Za-z0-9\-_.~+/=]+$/;
/** Click to Call Support API keys are UUIDs, with or without dashes. */
const API_KEY_SHAPE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** A token goes into an HTTP header: visible ASCII only (no NUL, CR/LF, spaces or non-ASCII such as "…"). */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;
/** No Smartflo token is longer; a longer value is refused before anything is sent or decoded. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * The bare token: surrounding whitespace and quotes removed, and any pasted `Bearer ` prefix
 * (in any case, even doubled) stripped, so the header is never `Bearer Bearer …`.
 */
export function normalizeToken(raw: string): string {
	let token = String(raw ?? '').trim();
	if (token.length >= 2 && /^(["']).*\1$/s.test(token)) token = token.slice(1, -1).trim();
	while (BEARER_PREFIX.test(token)) token = token.replace(BEARER_PREFIX, '');
	token = token.trim();
	return /^bearer$/i.test(token) ? '' : token;
}

export function isHeaderSafeToken(token: string): boolean {
	return HEADER_SAFE_TOKEN.test(token);
}

/**
 * The `Authorization` header value for a token given with or without `Bearer `. Every token the core
 * sends goes through here: one that is empty, too long or cannot be sent in a header is refused as
 * INVALID_INPUT, before any request.
 */
export function authorizationHeader(token: string): string {
	const bare = typeof token === 'string' ? normalizeToken(token) : '';
	if (!bare) throw new SmartfloError('INVALID_INPUT', 'A token is required.');
	if (bare.length > MAX_TOKEN_LENGTH) throw new SmartfloError('INVALID_INPUT', 'The token is longer than Smartflo issues.');
	if (!isHeaderSafeToken(bare)) {
		throw new SmartfloError(
			'INVALID_INPUT',
			'The token contains characters that cannot be sent in an HTTP header (spaces, line breaks, "…" or other non-ASCII). Copy the whole token again.',
		);
	}
	return `Bearer ${bare}`;
}

export type PastedTokenProblem = 'empty' | 'masked' | 'api-key' | 'not-a-token';

export type PastedTokenCheck = { ok: true; token: string } | { ok: false; problem: PastedTokenProblem; message: string };

/**
 * Checks a token a person pasted (permanent or API Connect token). Catches the mistakes integrators
 * make: the masked `****` value from the portal table, an email, an API key or a truncated copy.
 * The message says what to paste instead and never repeats the value.
 */
export function checkPastedToken(raw: string): PastedTokenCheck {
	const token = normalizeToken(raw);
	if (!token) {
		return {
			ok: false,
			problem: 'empty',
			message:
				'No access token given. Paste the token generated in Smartflo under API Connect, or the permanent token from Smartflo support.',
		};
	}
	if (token.includes('*')) {
		return {
			ok: false,
			problem: 'masked',
			message:
				'This access token is masked (it contains "*"), as the Smartflo portal shows tokens in its table. Generate a token in API Connect and copy it in full when it is shown, or use Email & Password instead.',
		};
	}
	if (API_KEY_SHAPE.test(token)) {
		return {
			ok: false,
			problem: 'api-key',
			message:
				'This is a Click to Call Support API key (a UUID), not an access token. It belongs in the API Key field of Call → Click to Call Support. Here, paste a token generated in Smartflo API Connect, or use Email & Password.',
		};
	}
	// All three kinds of Smartflo token (login, permanent, API Connect) are JWTs.
	const segments = token.split('.');
	const looksLikeJwt = segments.length === 3 && segments.every((segment) => segment.length > 0);
	if (!TOKEN_CHARACTERS.test(token) || !looksLikeJwt || token.length < 40) {
		return {
			ok: false,
			problem: 'not-a-token',
			message:
				'This does not look like a Smartflo access token, which is a long JWT (three dot-separated parts starting with "eyJ"). Paste the full API Connect or permanent token; a Click to Call Support API key belongs in that operation, not here.',
		};
	}
	return { ok: true, token };
}
