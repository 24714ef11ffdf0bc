import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { SmartfloAuthClient } from '../auth/client';
import { decodeToken } from '../auth/jwt';
import { renewToken } from '../auth/renew';
import type { TokenSet } from '../auth/responses';
import { acceptPastedToken } from '../auth/static-token';
import {
	identityFingerprint,
	identityText,
	isIssuedForCurrentIdentity,
	passwordExpiryFrom,
	type SmartfloCredentials,
} from './credential-fields';
import { createRequestHelperTransport, type RequestHelper } from './request-helper-transport';
import { processRenewals } from './shared-renewal';

/** n8n retries failed nodes itself ("Retry On Fail"); the core adds one quick retry for 5xx / network / 429. */
const AUTH_RETRIES = 1;

/** The core's auth client over n8n's request helper, so that n8n's proxy and TLS settings apply; pauses with n8n's `sleep`. */
export function createAuthClient(credentials: SmartfloCredentials, request: RequestHelper): SmartfloAuthClient {
	return new SmartfloAuthClient({
		baseUrl: credentials.baseUrl,
		retries: AUTH_RETRIES,
		transport: createRequestHelperTransport(request),
		sleep,
	});
}

/**
 * What `preAuthentication` returns and n8n stores: the token to send, when it expires, whom it was
 * issued for and, after a login, when the account password expires.
 */
export async function obtainSession(credentials: SmartfloCredentials, request: RequestHelper): Promise<IDataObject> {
	if (credentials.authMode === 'token') {
		const token = acceptPastedToken(credentials.apiToken);
		return { accessToken: token, tokenExpiresAt: isoOrEmpty(decodeToken(token)?.expiresAt), tokenFingerprint: '' };
	}
	// n8n calls preAuthentication again after a 401 with the stored token still set: refresh it, but only
	// if it belongs to the identity now configured, so an edited password is checked by a real login.
	const current = isIssuedForCurrentIdentity(credentials) ? credentials.accessToken : undefined;
	return await processRenewals.renew(identityText(credentials), credentials.accessToken, async () => {
		const tokenSet = await renewToken(createAuthClient(credentials, request), loginOf(credentials), current);
		return sessionFields(tokenSet, credentials);
	});
}

/** The credential's stored token is being replaced (Smartflo refused it, or it is about to expire): renewals must not hand it out again. */
export function noteTokenReplaced(credentials: SmartfloCredentials): void {
	processRenewals.noteReplaced(identityText(credentials), credentials.accessToken);
}

/** The token `authenticate` puts in the Authorization header: the stored one, or the pasted one, checked locally. */
export function tokenForRequest(credentials: SmartfloCredentials): string {
	return credentials.authMode === 'token' ? acceptPastedToken(credentials.apiToken) : credentials.accessToken;
}

/** A fresh token set for the credential's identity: a login, or the pasted token as it is. */
export async function loginWithCredentials(credentials: SmartfloCredentials, request: RequestHelper, now = Date.now()): Promise<TokenSet> {
	if (credentials.authMode === 'password') return await createAuthClient(credentials, request).login(loginOf(credentials));
	const token = acceptPastedToken(credentials.apiToken, now);
	const expiresAt = decodeToken(token)?.expiresAt;
	return {
		accessToken: token,
		tokenType: 'bearer',
		expiresIn: expiresAt === undefined ? 0 : Math.max(0, Math.floor((expiresAt - now) / 1000)),
		expiresAt: expiresAt ?? 0,
	};
}

function loginOf(credentials: SmartfloCredentials) {
	return { email: credentials.email, password: credentials.password };
}

function sessionFields(tokenSet: TokenSet, credentials: SmartfloCredentials, now = Date.now()): IDataObject {
	const fields: IDataObject = {
		accessToken: tokenSet.accessToken,
		tokenExpiresAt: isoOrEmpty(tokenSet.expiresAt),
		tokenFingerprint: identityFingerprint(credentials, tokenSet.accessToken),
	};
	// A refresh does not report it: the date stored by the last login stays.
	if (tokenSet.passwordExpiresInDays !== undefined) fields.passwordExpiresAt = passwordExpiryFrom(tokenSet.passwordExpiresInDays, now);
	return fields;
}

function isoOrEmpty(epochMs: number | undefined): string {
	return epochMs === undefined || !Number.isFinite(epochMs) ? '' : new Date(epochMs).toISOString();
}
