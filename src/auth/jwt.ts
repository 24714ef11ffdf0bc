import { normalizeToken } from './token';

export interface DecodedToken {
	/** Epoch milliseconds (`iat`). */
	issuedAt?: number;
	/** Epoch milliseconds (`exp`). */
	expiresAt?: number;
	subject?: string;
	issuer?: string;
}

/**
 * Reads the claims of a JWT without verifying its signature (only Smartflo can). Returns null for
 * anything that is not a JWT with a JSON object payload.
 */
export function decodeToken(jwt: string): DecodedToken | null {
	const segments = normalizeToken(jwt).split('.');
	if (segments.length !== 3 || !segments[1]) return null;
	let claims: unknown;
	try {
		claims = JSON.parse(Buffer.from(segments[1], 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return null;
	const { iat, exp, sub, iss } = claims as Record<string, unknown>;
	const decoded: DecodedToken = {};
	const issuedAt = secondsToMs(iat);
	const expiresAt = secondsToMs(exp);
	if (issuedAt !== undefined) decoded.issuedAt = issuedAt;
	if (expiresAt !== undefined) decoded.expiresAt = expiresAt;
	if (typeof sub === 'string' || typeof sub === 'number') decoded.subject = String(sub);
	if (typeof iss === 'string') decoded.issuer = iss;
	return decoded;
}

function secondsToMs(value: unknown): number | undefined {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
