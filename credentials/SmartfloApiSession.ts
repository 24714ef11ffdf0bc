import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DEFAULT_BASE_URL, SmartfloAuthClient, normalizeBaseUrl } from '../src/auth/client';
import { SmartfloError } from '../src/auth/errors';
import { decodeToken } from '../src/auth/jwt';
import { renewToken } from '../src/auth/renew';
import type { TokenSet } from '../src/auth/responses';
import { TokenSession } from '../src/auth/session';
import { checkPastedToken } from '../src/auth/token';
import { createRequestHelperTransport, type RequestHelper } from '../src/http/request-helper-transport';

export const SMARTFLO_CREDENTIAL_TYPE = 'smartfloApi';

/** A stored token this close to its expiry is renewed before a request instead of after a refusal. */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** n8n retries failed nodes itself ("Retry On Fail"); the core adds one quick retry for 5xx / network / 429. */
const AUTH_RETRIES = 1;

export type SmartfloAuthMode = 'password' | 'token';

/** The credential's fields, typed. Timestamps are epoch milliseconds. */
export interface SmartfloCredentials {
	authMode: SmartfloAuthMode;
	email: string;
	password: string;
	apiToken: string;
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

/** The base URL as the core normalises it (origin and path, no `/v1`); throws INVALID_INPUT. */
export function baseUrlOf(credentials: SmartfloCredentials): string {
	return normalizeBaseUrl(credentials.baseUrl);
}

export function createAuthClient(credentials: SmartfloCredentials, request: RequestHelper): SmartfloAuthClient {
	return new SmartfloAuthClient({
		baseUrl: credentials.baseUrl,
		retries: AUTH_RETRIES,
		transport: createRequestHelperTransport(request),
	});
}

/**
 * What `preAuthentication` returns and n8n stores: the token to send, when it expires, whom it was
 * issued for and, after a login, when the account password expires.
 */
export async function obtainSession(credentials: SmartfloCredentials, request: RequestHelper): Promise<IDataObject> {
	if (credentials.authMode === 'token') {
		const token = await staticToken(credentials, request);
		return { accessToken: token, tokenExpiresAt: isoOrEmpty(decodeToken(token)?.expiresAt), tokenFingerprint: '' };
	}
	const client = createAuthClient(credentials, request);
	const tokenSet = await renewPasswordSession(client, credentials);
	return sessionFields(tokenSet, credentials);
}

/** The token `authenticate` puts in the Authorization header. */
export async function tokenForRequest(credentials: SmartfloCredentials, request: RequestHelper): Promise<string> {
	if (credentials.authMode === 'token') return await staticToken(credentials, request);
	return credentials.accessToken;
}

/** A fresh token set for the credential's identity: a login, or the pasted token as it is. */
export async function loginWithCredentials(credentials: SmartfloCredentials, request: RequestHelper, now = Date.now()): Promise<TokenSet> {
	if (credentials.authMode === 'password') {
		return await createAuthClient(credentials, request).login({ email: credentials.email, password: credentials.password });
	}
	const token = await staticToken(credentials, request);
	const expiresAt = decodeToken(token)?.expiresAt;
	return {
		accessToken: token,
		tokenType: 'bearer',
		expiresIn: expiresAt === undefined ? 0 : Math.max(0, Math.floor((expiresAt - now) / 1000)),
		expiresAt: expiresAt ?? 0,
	};
}

/**
 * Whether the stored token should be replaced before it is sent: it expires within the margin, or it
 * was obtained for another email, password or base URL (the credential was edited since).
 * A pasted token is never renewed: there is nothing to renew it with.
 */
export function needsRenewalBeforeSending(credentials: SmartfloCredentials, now = Date.now()): boolean {
	if (credentials.authMode !== 'password' || credentials.accessToken === '') return false;
	if (!isIssuedForCurrentIdentity(credentials)) return true;
	return credentials.tokenExpiresAt !== undefined && now >= credentials.tokenExpiresAt - RENEW_BEFORE_EXPIRY_MS;
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
	let baseUrl = credentials.baseUrl;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
	} catch {
		// An invalid URL fails the login itself; here it only has to be stable.
	}
	return createHmac('sha256', accessToken)
		.update(JSON.stringify([baseUrl, credentials.email.trim(), credentials.password]))
		.digest('base64url');
}

/** Whole days until the account password expires, when a login said so. */
export function passwordDaysLeft(credentials: SmartfloCredentials, now = Date.now()): number | undefined {
	if (credentials.passwordExpiresAt === undefined) return undefined;
	return Math.max(0, Math.floor((credentials.passwordExpiresAt - now) / 86_400_000));
}

async function renewPasswordSession(client: SmartfloAuthClient, credentials: SmartfloCredentials): Promise<TokenSet> {
	// n8n calls preAuthentication again after a 401 with the stored token still set: refresh it, but only
	// if it belongs to the identity now configured, so an edited password is checked by a real login.
	const current = isIssuedForCurrentIdentity(credentials) ? credentials.accessToken : undefined;
	return await renewToken(client, { email: credentials.email, password: credentials.password }, current);
}

/** A pasted permanent / API Connect token, refused when masked, not a token, or past its expiry. */
async function staticToken(credentials: SmartfloCredentials, request: RequestHelper): Promise<string> {
	const check = checkPastedToken(credentials.apiToken);
	if (!check.ok) throw new SmartfloError('INVALID_INPUT', check.message);
	// The core's session decides whether a static token is past its `exp` (no request is made).
	return await new TokenSession({ client: createAuthClient(credentials, request), token: check.token }).getToken();
}

function sessionFields(tokenSet: TokenSet, credentials: SmartfloCredentials, now = Date.now()): IDataObject {
	const fields: IDataObject = {
		accessToken: tokenSet.accessToken,
		tokenExpiresAt: isoOrEmpty(tokenSet.expiresAt),
		tokenFingerprint: identityFingerprint(credentials, tokenSet.accessToken),
	};
	// A refresh does not report it: the date stored by the last login stays.
	if (tokenSet.passwordExpiresInDays !== undefined) {
		fields.passwordExpiresAt = new Date(now + tokenSet.passwordExpiresInDays * 86_400_000).toISOString();
	}
	return fields;
}

function isoOrEmpty(epochMs: number | undefined): string {
	return epochMs === undefined || !Number.isFinite(epochMs) ? '' : new Date(epochMs).toISOString();
}

function timestampOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const epoch = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
	return Number.isFinite(epoch) && epoch > 0 ? epoch : undefined;
}
