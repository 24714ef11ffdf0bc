import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

// The header tymon/jwt-auth (the library behind Smartflo's tokens) writes.
const ENCODED_HEADER = toBase64Url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

export function signJwt(claims: JwtClaims, secret: string): string {
	const signingInput = `${ENCODED_HEADER}.${toBase64Url(JSON.stringify(claims))}`;
	return `${signingInput}.${hmacSha256(signingInput, secret)}`;
}

/** The claims of a well-formed HS256 token signed with `secret`, otherwise undefined. */
export function verifyJwt(token: string, secret: string): JwtClaims | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const [header, payload, signature] = parts;
	// Compare the encoded text, not decoded bytes: Node's base64url decoder ignores stray characters
	// and padding bits, so a tampered signature could otherwise decode to the genuine bytes.
	const expected = Buffer.from(hmacSha256(`${header}.${payload}`, secret));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
	if (decodeJsonObject(header)?.alg !== 'HS256') return undefined;
	return decodeJsonObject(payload);
}

function hmacSha256(input: string, secret: string): string {
	return createHmac('sha256', secret).update(input).digest('base64url');
}

function toBase64Url(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeJsonObject(segment: string): JwtClaims | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtClaims) : undefined;
	} catch {
		return undefined;
	}
}
