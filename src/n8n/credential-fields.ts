import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../auth/client';
import { decodeToken } from '../auth/jwt';
import { isRenewalDue } from '../auth/renew-early';

/** The `name` of the credential type, as nodes refer to it. */
export const SMARTFLO_CREDENTIAL_TYPE = 'smartfloApi';

const DAY_MS = 86_400_000;

export type SmartfloAuthMode = 'password' | 'token';

/** The credential's fields, typed. Timestamps are epoch milliseconds. */
export interface SmartfloCredentials {
	authMode: SmartfloAuthMode;
	email: string;
	password: string;
	apiToken: string;
	/** As the user typed it; {@link baseUrlOf} gives the URL requests use. */
	baseUrl: string;
	/** The token n8n sends; maintained by preAuthentication. */
	accessToken: string;
	tokenExpiresAt?: number;
	/** Ties the stored token to the email, password and base URL it was obtained with. */
	tokenFingerprint: string;
	passwordExpiresAt?: number;
}

export function readSmartfloCredentials(data: ICredentialDataDecryptedObject): SmartfloCredentials {
	const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
	return {
		authMode: data.authMode === 'token' ? 'token' : 'password',
		email: text(data.email),
		password: text(data.password),
		apiToken: text(data.apiToken),
		baseUrl: text(data.baseUrl).trim() || DEFAULT_BASE_URL,
		accessToken: text(data.accessToken),
		tokenExpiresAt: timestampOf(data.tokenExpiresAt),
		tokenFingerprint: text(data.tokenFingerprint),
		passwordExpiresAt: timestampOf(data.passwordExpiresAt),
	};
}

/** The base URL every request of this credential uses, as the core normalises it (no `/v1`, no user info); throws INVALID_INPUT. */
export function baseUrlOf(credentials: SmartfloCredentials): string {
	return normalizeBaseUrl(credentials.baseUrl);
}

/**
 * Whether the stored token should be replaced before it is sent: it is due for renewal by the core's
 * renew-early rule (src/auth/renew-early.ts), or it was obtained for another email, password or base
 * URL (the credential was edited since). A pasted token is never renewed: there is nothing to renew it with.
 */
export function needsRenewalBeforeSending(credentials: SmartfloCredentials, now = Date.now()): boolean {
	if (credentials.authMode !== 'password' || credentials.accessToken === '') return false;
	if (!isIssuedForCurrentIdentity(credentials)) return true;
	const expiresAt = credentials.tokenExpiresAt;
	if (expiresAt === undefined) return false;
	const issuedAt = decodeToken(credentials.accessToken)?.issuedAt;
	return isRenewalDue({ expiresAt, lifetimeMs: issuedAt === undefined ? undefined : expiresAt - issuedAt }, now);
}

export function isIssuedForCurrentIdentity(credentials: SmartfloCredentials): boolean {
	if (credentials.accessToken === '' || credentials.tokenFingerprint === '') return false;
	return identityFingerprint(credentials, credentials.accessToken) === credentials.tokenFingerprint;
}

/**
 * An HMAC keyed with the token itself: it reveals nothing about the password without the token, and
 * a changed email, password or base URL no longer matches.
 */
export function identityFingerprint(credentials: SmartfloCredentials, accessToken: string): string {
	return createHmac('sha256', accessToken).update(identityText(credentials)).digest('base64url');
}

/** The identity a password credential logs in as: base URL, login ID and password. */
export function identityText(credentials: SmartfloCredentials): string {
	let baseUrl = credentials.baseUrl;
	try {
		baseUrl = baseUrlOf(credentials);
	} catch {
		// An invalid URL fails the login itself; here it only has to be stable.
	}
	return JSON.stringify([baseUrl, credentials.email.trim(), credentials.password]);
}

/**
 * Whole days until the account password expires, counted as Smartflo counts them: the login said
 * "N days left" and stored the expiry as login time + N days, so N stays N for the rest of that day.
 */
export function passwordDaysLeft(credentials: SmartfloCredentials, now = Date.now()): number | undefined {
	if (credentials.passwordExpiresAt === undefined) return undefined;
	return Math.max(0, Math.ceil((credentials.passwordExpiresAt - now) / DAY_MS));
}

/** The ISO time `days` whole days from `now`: what a login's `number_of_days_left` is stored as. */
export function passwordExpiryFrom(days: number, now = Date.now()): string {
	return new Date(now + days * DAY_MS).toISOString();
}

function timestampOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const epoch = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
	return Number.isFinite(epoch) && epoch > 0 ? epoch : undefined;
}
