import { isJsonObject, numberOf } from '../api/answer';
import { isRfc3339Instant } from '../time/zoned';
import { MAX_TOKEN_LENGTH, normalizeToken } from './token';

export interface DecodedToken {
	/** Epoch milliseconds (`iat`). */
	issuedAt?: number;
	/** Epoch milliseconds (`exp`). */
	expiresAt?: number;
	subject?: string;
	issuer?: string;
}

/**
 * The claims object of a JWT, without verifying its signature (only Smartflo can). Null for anything
 * that is not a JWT with a JSON object payload, or is longer than any Smartflo token.
 */
export function decodeClaims(jwt: string): Record<string, unknown> | null {
	const token = typeof jwt === 'string' ? normalizeToken(jwt) : '';
	if (token.length > MAX_TOKEN_LENGTH) return null;
	const segments = token.split('.');
	if (segments.length !== 3 || !segments[1]) return null;
	let claims: unknown;
	try {
		claims = JSON.parse(Buffer.from(segments[1], 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	return isJsonObject(claims) ? claims : null;
}

/** Reads the claims of a JWT without verifying its signature. Times that cannot be real are left out. */
export function decodeToken(jwt: string): DecodedToken | null {
	const claims = decodeClaims(jwt);
	return claims ? decodedClaims(claims) : null;
}

/** The registered claims the project reads, from a claims object; times that cannot be real are left out. */
export function decodedClaims(claims: Record<string, unknown>): DecodedToken {
	const { iat, exp, sub, iss } = claims;
	const decoded: DecodedToken = {};
	const issuedAt = claimTimeMs(iat);
	const expiresAt = claimTimeMs(exp);
	if (issuedAt !== undefined) decoded.issuedAt = issuedAt;
	if (expiresAt !== undefined) decoded.expiresAt = expiresAt;
	if (typeof sub === 'string' || typeof sub === 'number') decoded.subject = String(sub);
	if (typeof iss === 'string') decoded.issuer = iss;
	return decoded;
}

/** A NumericDate claim (seconds, as a number or numeric string) in epoch ms; undefined when absent or impossible. */
function claimTimeMs(value: unknown): number | undefined {
	const seconds = numberOf(value);
	if (seconds === undefined) return undefined;
	const ms = seconds * 1000;
	// What an RFC 3339 date-time can say: a claim outside reads as unknown.
	return isRfc3339Instant(ms) ? ms : undefined;
}
