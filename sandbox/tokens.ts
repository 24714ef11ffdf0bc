import { randomBytes } from 'node:crypto';

import { signJwt, verifyJwt, type JwtClaims } from './jwt';
import type { TokenKind } from './types';

type IssuedKind = TokenKind | 'refresh';

const ISSUERS: Record<IssuedKind, string> = {
	login: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
	// tymon/jwt-auth stamps `iss` with the URL of the request that minted the token.
	refresh: 'https://cloudphone.tatateleservices.com/api/v1/auth/refresh',
	permanent: 'https://cloudphone.tatateleservices.com/token/generate',
	'api-connect': 'https://cloudphone.tatateleservices.com/connect/api/v1/api-token',
};

export const PERMANENT_TOKEN_TTL_SECONDS = 300_000_000;
export const API_CONNECT_TOKEN_TTL_SECONDS = 90 * 86_400;

// `jti` = issue serial (base36, fixed width) + random characters. The serial lets "expire / revoke every
// token issued so far" be a single number instead of a record per token.
const SERIAL_WIDTH = 8;
const JTI_RANDOM_LENGTH = 8;
const MIN_PRUNE_THRESHOLD = 1024;

export interface TokenClaims {
	iss: string;
	iat: number;
	exp: number;
	nbf: number;
	jti: string;
	sub: string;
	cr?: boolean;
}

export type TokenCheck = { status: 'valid'; claims: TokenClaims } | { status: 'expired' } | { status: 'rejected' };

export interface IssueRequest {
	sub: string;
	kind: IssuedKind;
	ttlSeconds: number;
}

/**
 * Mints and checks the sandbox's JWTs. Memory is spent only on individually revoked tokens, and an
 * entry is dropped once its token has expired anyway (an expired token is answered "expired" before
 * the revocation list is consulted, as tymon/jwt-auth does), so any number of logins leaves no trace.
 */
export class TokenAuthority {
	private lastSerial = 0;
	private expiredThroughSerial = 0;
	private revokedThroughSerial = 0;
	private readonly revoked = new Map<string, number>();
	private pruneAtSize = MIN_PRUNE_THRESHOLD;

	constructor(private readonly secret: string) {}

	issue({ sub, kind, ttlSeconds }: IssueRequest): string {
		const issuedAt = Math.floor(Date.now() / 1000);
		const claims: TokenClaims = {
			iss: ISSUERS[kind],
			iat: issuedAt,
			exp: issuedAt + Math.trunc(ttlSeconds),
			nbf: issuedAt,
			jti: this.nextJti(),
			sub,
		};
		if (kind === 'permanent') claims.cr = true;
		if (kind === 'api-connect') claims.cr = false;
		return signJwt({ ...claims }, this.secret);
	}

	check(token: string): TokenCheck {
		const claims = readClaims(verifyJwt(token, this.secret));
		if (!claims) return { status: 'rejected' };
		const serial = serialOf(claims.jti);
		if (Date.now() >= claims.exp * 1000 || serial <= this.expiredThroughSerial) return { status: 'expired' };
		if (serial <= this.revokedThroughSerial || this.revoked.has(claims.jti)) return { status: 'rejected' };
		return { status: 'valid', claims };
	}

	/** Revokes a token this sandbox signed; anything else is ignored. */
	revoke(token: string): void {
		const claims = readClaims(verifyJwt(token, this.secret));
		if (claims) this.revokeClaims(claims);
	}

	revokeClaims(claims: TokenClaims): void {
		this.revoked.set(claims.jti, claims.exp);
		if (this.revoked.size >= this.pruneAtSize) this.prune();
	}

	revokeAll(): void {
		this.revokedThroughSerial = this.lastSerial;
		this.revoked.clear();
	}

	expireAll(): void {
		this.expiredThroughSerial = this.lastSerial;
		this.revoked.clear();
	}

	/** Revocation entries currently held (for tests of the memory bound). */
	get revokedEntries(): number {
		return this.revoked.size;
	}

	private prune(): void {
		const nowSeconds = Date.now() / 1000;
		for (const [jti, exp] of this.revoked) {
			if (nowSeconds >= exp) this.revoked.delete(jti);
		}
		this.pruneAtSize = Math.max(MIN_PRUNE_THRESHOLD, this.revoked.size * 2);
	}

	private nextJti(): string {
		this.lastSerial += 1;
		return this.lastSerial.toString(36).padStart(SERIAL_WIDTH, '0') + randomAlphanumeric(JTI_RANDOM_LENGTH);
	}
}

/** Accepts `Bearer <jwt>` (any case) or the raw `<jwt>`, as Smartflo's gateway does. */
export function tokenFromAuthorization(header: string): string {
	return header.trim().replace(/^bearer\s+/i, '');
}

function serialOf(jti: string): number {
	return parseInt(jti.slice(0, SERIAL_WIDTH), 36);
}

function readClaims(claims: JwtClaims | undefined): TokenClaims | undefined {
	if (!claims) return undefined;
	const { iss, iat, exp, nbf, jti, sub } = claims;
	const wellFormed =
		typeof iss === 'string' &&
		typeof iat === 'number' &&
		typeof exp === 'number' &&
		typeof nbf === 'number' &&
		typeof jti === 'string' &&
		typeof sub === 'string' &&
		Number.isFinite(serialOf(jti));
	return wellFormed ? (claims as unknown as TokenClaims) : undefined;
}

function randomAlphanumeric(length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
