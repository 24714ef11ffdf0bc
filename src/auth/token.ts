const BEARER_PREFIX = /^\s*bearer\s+/i;
const TOKEN_CHARACTERS = /^[A-Za-z0-9\-_.~+/=]+$/;

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

/** The `Authorization` header value for a token given with or without `Bearer `. */
export function authorizationHeader(token: string): string {
	return `Bearer ${normalizeToken(token)}`;
}

export type PastedTokenProblem = 'empty' | 'masked' | 'not-a-token';

export type PastedTokenCheck =
	| { ok: true; token: string }
	| { ok: false; problem: PastedTokenProblem; message: string };

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
			message: 'No access token given. Paste the token generated in Smartflo under API Connect, or the permanent token from Smartflo support.',
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
	const segments = token.split('.');
	const looksLikeJwt = segments.length === 3 && segments.every((segment) => segment.length > 0);
	if (!TOKEN_CHARACTERS.test(token) || (!looksLikeJwt && token.length < 32) || (looksLikeJwt && token.length < 40)) {
		return {
			ok: false,
			problem: 'not-a-token',
			message:
				'This does not look like a Smartflo access token, which is a long JWT (three dot-separated parts starting with "eyJ"). Paste the full API Connect or permanent token; a Click to Call Support API key belongs in that operation, not here.',
		};
	}
	return { ok: true, token };
}
