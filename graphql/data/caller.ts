import { authorizationHeader, normalizeToken, SmartfloError } from '../../src/auth';
import type { ApiKeyIdentity, ApiKeyStore } from '../runtime/api-keys';
import { GatewayError } from '../runtime/gateway-error';

/** The header a caller sends its API key in. */
export const API_KEY_HEADER = 'x-api-key';

/** Who a GraphQL request reaches Smartflo as, read from its headers. */
export type UpstreamCaller =
	/** A key of the server's: the server-held account, with the key's permission. */
	| { kind: 'apiKey'; key: ApiKeyIdentity }
	/** The caller's own Smartflo token (bare), sent as it is and never renewed. */
	| { kind: 'token'; token: string }
	/** Neither header: nothing may be sent to Smartflo. */
	| { kind: 'anonymous' }
	/** A header that cannot be used (unknown key, a scheme other than Bearer, a token no header can carry). */
	| { kind: 'refused'; error: SmartfloError };

const BEARER = /^\s*bearer(\s|$)/i;

/**
 * The caller of one request. Precedence: **X-API-Key wins**. When it is present (even empty), the
 * request is the key's, or refused when the key is not one of the server's, and `Authorization` is not
 * read at all: a proxy in front may use that header for itself, and its token must never be forwarded
 * to Smartflo. Without X-API-Key, `Authorization: Bearer <token>` is the caller's own Smartflo token,
 * checked as the core checks every token it sends (authorizationHeader: INVALID_INPUT when empty, too
 * long or not sendable in a header).
 */
export function resolveCaller(headers: Headers, keys: ApiKeyStore | undefined): UpstreamCaller {
	const presentedKey = headers.get(API_KEY_HEADER);
	if (presentedKey !== null) {
		if (!keys || keys.size === 0) return refused(NO_KEYS);
		const key = keys.identify(presentedKey.trim());
		return key ? { kind: 'apiKey', key } : refused(presentedKey.trim() === '' ? EMPTY_KEY : UNKNOWN_KEY);
	}
	const authorization = headers.get('authorization');
	if (authorization === null) return { kind: 'anonymous' };
	if (!BEARER.test(authorization)) return refused(NOT_BEARER);
	try {
		authorizationHeader(authorization);
	} catch (error) {
		if (error instanceof SmartfloError) return { kind: 'refused', error };
		throw error;
	}
	return { kind: 'token', token: normalizeToken(authorization) };
}

function refused(message: string): UpstreamCaller {
	return { kind: 'refused', error: new GatewayError('UNAUTHENTICATED', message) };
}

const HOW = 'Send your Smartflo token as `Authorization: Bearer <accessToken>` (from login), or a key of this server in X-API-Key.';
export const ANONYMOUS = `Smartflo data needs a credential, and this request has none. ${HOW}`;
const NO_KEYS =
	'This server has no API keys (it holds no Smartflo account). Send your own Smartflo token as `Authorization: Bearer <accessToken>` instead.';
const EMPTY_KEY =
	'The X-API-Key header is empty. Send the whole key, or leave the header out and send your Smartflo token in Authorization.';
const UNKNOWN_KEY = 'The API key in X-API-Key is not one of this server’s keys. Check it with the server’s operator.';
const NOT_BEARER = `The Authorization header must be \`Bearer <accessToken>\`, with a Smartflo token. ${HOW}`;
