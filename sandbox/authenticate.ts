import { missingAuthorization, tokenBlacklisted, tokenExpired, type Reply } from './replies';
import { tokenFromAuthorization, type TokenAuthority, type TokenClaims } from './tokens';

export type Authentication = { ok: true; token: TokenClaims } | { ok: false; reply: Reply };

/** The gateway's answer to an `Authorization` header: the token's claims, or the refusal Smartflo sends. */
export function authenticate(tokens: TokenAuthority, header: string | undefined): Authentication {
	if (header === undefined || header.trim() === '') return { ok: false, reply: missingAuthorization() };
	const check = tokens.check(tokenFromAuthorization(header));
	if (check.status === 'valid') return { ok: true, token: check.claims };
	return { ok: false, reply: check.status === 'expired' ? tokenExpired() : tokenBlacklisted() };
}
