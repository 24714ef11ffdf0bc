import type { TokenSession } from '../../auth/session';
import type { HttpRequest, HttpResponse } from '../../http/transport';
import type { RawAnswer } from '../answer';

/**
 * Where the bearer token of the client's calls comes from. Endpoints that take an API key instead
 * (Click to Call Support) are sent without a token whatever the source.
 */
export type ApiAuth =
	/**
	 * A session (an email and password, or a static token in it). When Smartflo refuses its token the
	 * client invalidates it, takes the renewed one and sends the call once more; a second refusal fails.
	 */
	| { session: TokenSession }
	/** One token for every call (a permanent or API Connect token). Never renewed: a refusal is TOKEN_EXPIRED or TOKEN_REJECTED. */
	| { token: string }
	/** No token of the client's own: each call passes its `token` (a GraphQL server forwarding its callers' tokens). Never renewed. */
	| { perRequest: true }
	/** The transport puts the credential on every request itself (n8n's `httpRequestWithAuthentication`). */
	| { transport: AuthenticatingTransport };

/**
 * A transport that authenticates requests itself and may renew the credential and resend by itself,
 * as n8n's `httpRequestWithAuthentication` does after a 401. The client asks it to renew at most once
 * per attempt of a call (a call has one attempt unless the client's `retries` allow more): before the
 * first send when `renewBeforeSending()` says so, or for one resend after a refused token that the
 * transport did not already renew. Other failures it may throw as it likes: a
 * {@link TransportError} becomes the client's coded error, anything else (a SmartfloError, or a failed
 * renewal worded by the host) reaches the caller unchanged.
 */
export interface AuthenticatingTransport {
	/** Whether the credential can be renewed (false for a pasted token: a refusal is final). */
	readonly renewable: boolean;
	/** Asked before the first send of each attempt: whether to renew the credential first (its token is about to expire). */
	renewBeforeSending(): boolean;
	request(request: HttpRequest, send: AuthenticatedSend): Promise<AuthenticatedResponse>;
}

export interface AuthenticatedSend {
	/** Renew the credential before this send: it is the first send of a call whose token is about to expire, or the resend after a refusal. */
	renew: boolean;
	/**
	 * Smartflo's rule for an answer that refuses the token (a 401 or 403, or "expired", "blacklisted",
	 * "Authorization" in any answer), for a transport that renews and resends by itself when it sees one
	 * (n8n's `shouldRefreshCredentials`).
	 */
	isTokenRefusal(answer: RawAnswer): boolean;
}

export interface AuthenticatedResponse extends HttpResponse {
	/** The transport renewed the credential and resent the request by itself before this answer. */
	renewed: boolean;
}
