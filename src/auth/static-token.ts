import { SmartfloError } from './errors';
import { decodeToken } from './jwt';
import { checkPastedToken } from './token';

/** A static token past its `exp` is refused without a request; this absorbs small clock skew. */
const STATIC_EXPIRY_TOLERANCE_MS = 60_000;

/**
 * Refuses a static (permanent / API Connect) token whose `exp` has passed: n8n or the caller cannot
 * renew it, so sending it would only earn a refusal.
 */
export function assertStaticTokenUnexpired(token: string, now: number = Date.now()): void {
	const expiresAt = decodeToken(token)?.expiresAt;
	if (expiresAt !== undefined && expiresAt + STATIC_EXPIRY_TOLERANCE_MS < now) {
		throw new SmartfloError(
			'TOKEN_EXPIRED',
			`The access token expired on ${new Date(expiresAt).toISOString()}. Generate a new one in Smartflo API Connect.`,
		);
	}
}

/** A token a person pasted, checked locally (shape, masking, API keys, expiry): the bare token, or INVALID_INPUT / TOKEN_EXPIRED. */
export function acceptPastedToken(raw: string, now: number = Date.now()): string {
	const check = checkPastedToken(raw);
	if (!check.ok) throw new SmartfloError('INVALID_INPUT', check.message);
	assertStaticTokenUnexpired(check.token, now);
	return check.token;
}
