import { decodeClaims, decodedClaims } from './jwt';

/** The kinds of token Smartflo issues, told apart by their issuer. */
export type SmartfloTokenKind = 'login' | 'permanent' | 'apiConnect' | 'unknown';

export interface TokenInspection {
	/** The token is a JWT whose payload can be read. */
	readable: boolean;
	/** Readable, and its expiry is known and in the future (or it states none). */
	valid: boolean;
	/** Its `exp` is in the past. */
	expired: boolean;
	/** Epoch ms (`iat`), when it states a possible one. */
	issuedAt?: number;
	/** Epoch ms (`exp`), when it states a possible one. */
	expiresAt?: number;
	/** Whole seconds until `expiresAt` (0 once expired). */
	secondsRemaining?: number;
	subject?: string;
	issuer?: string;
	kind: SmartfloTokenKind;
	/** A permanent token (`cr: true`, a lifetime of years): refreshing it would swap it for a one-hour token. */
	permanent: boolean;
}

const KIND_BY_ISSUER: Array<[RegExp, SmartfloTokenKind]> = [
	[/\/auth\/(login|refresh)$/, 'login'],
	[/\/token\/generate$/, 'permanent'],
	[/\/api-token$/, 'apiConnect'],
];

/** Login tokens live an hour and API Connect tokens up to 90 days; a lifetime beyond a year is a permanent token. */
const PERMANENT_LIFETIME_MS = 366 * 24 * 3600 * 1000;

const UNREADABLE: TokenInspection = { readable: false, valid: false, expired: false, kind: 'unknown', permanent: false };

/**
 * What a token says about itself, read locally without verifying its signature (only Smartflo can).
 * A time claim that no date can hold (e.g. `exp: 1e14`) reads as unknown and makes the token invalid.
 * Never throws.
 */
export function inspectToken(token: string, now: number = Date.now()): TokenInspection {
	const claims = decodeClaims(token);
	if (!claims) return { ...UNREADABLE };
	const { issuedAt, expiresAt, subject, issuer } = decodedClaims(claims);
	const expUnreadable = claims.exp !== undefined && expiresAt === undefined;
	const iatUnreadable = claims.iat !== undefined && issuedAt === undefined;
	const expired = expiresAt !== undefined && expiresAt <= now;
	const kind = KIND_BY_ISSUER.find(([pattern]) => pattern.test(issuer ?? ''))?.[1] ?? 'unknown';
	const inspection: TokenInspection = {
		readable: true,
		valid: !expired && !expUnreadable && !iatUnreadable,
		expired,
		kind,
		permanent:
			claims.cr === true ||
			kind === 'permanent' ||
			(issuedAt !== undefined && expiresAt !== undefined && expiresAt - issuedAt > PERMANENT_LIFETIME_MS),
	};
	if (issuedAt !== undefined) inspection.issuedAt = issuedAt;
	if (expiresAt !== undefined) {
		inspection.expiresAt = expiresAt;
		inspection.secondsRemaining = Math.max(0, Math.floor((expiresAt - now) / 1000));
	}
	if (subject !== undefined) inspection.subject = subject;
	if (issuer !== undefined) inspection.issuer = issuer;
	return inspection;
}
