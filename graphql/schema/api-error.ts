import { SmartfloError } from '../../src/auth';
import type { GraphQLContext } from '../context';
import { API_ERROR_CODES, apiErrorCodeOf, type ApiErrorCode } from '../runtime/gateway-error';
import { CODE_DESCRIPTIONS } from './auth-error';
import type { Builder, Ref } from './builder';
import { recordFailure, recordSuccess, type ErrorShape } from './outcome';

export interface ApiErrorShape extends ErrorShape<ApiErrorCode> {
	field: string | null;
}

/**
 * Why a data operation failed. The core's codes keep the meaning they have everywhere (error-codes.md);
 * where AuthErrorCode's wording is about logins, data gets its own. Typed as a complete record: a code
 * added to the core or to GATEWAY_ERROR_CODES fails the build until it is described here.
 */
const API_CODE_DESCRIPTIONS: Record<ApiErrorCode, string> = {
	...CODE_DESCRIPTIONS,
	INVALID_CREDENTIALS: "Smartflo refused the server's own account (its email and password). Tell the server's operator.",
	TOKEN_EXPIRED:
		'The Smartflo token sent in Authorization has expired (or the server’s own access token has). Refresh it with the refresh mutation, or log in again.',
	TOKEN_REJECTED:
		'Smartflo rejected the token sent in Authorization: revoked, blacklisted, already refreshed or not a Smartflo token. Log in again.',
	RATE_LIMITED: 'Too many requests, here (per API key or client IP) or at Smartflo. Wait retryAfterSeconds before trying again.',
	BAD_RESPONSE:
		'Smartflo answered with something the server cannot read. Retrying later may succeed; if it persists, tell the server operator.',
	UNAUTHENTICATED:
		'No usable credential: send `Authorization: Bearer <accessToken>` (from login) or a key of this server in X-API-Key. Nothing was sent to Smartflo.',
	FORBIDDEN:
		'The API key may only read, and this operation changes data or places calls. Use a key with the write permission. Nothing was sent to Smartflo.',
	UPSTREAM_BUDGET_EXCEEDED:
		'The request needs more calls to Smartflo than one request may make (pages of long lists, many fields). Ask for fewer records or fields, or split the request.',
};

/** What a caller is told for faults on the server's side: the core's text names the upstream URL, which is for the operator. */
const SERVER_SIDE_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
	TIMEOUT: 'Smartflo did not answer in time. Try again later.',
	NETWORK_ERROR: 'Smartflo could not be reached. Try again later.',
	UPSTREAM_ERROR: 'Smartflo had a server error. Try again later.',
	BAD_RESPONSE: 'Smartflo answered with something the server cannot read. Try again later; if it persists, tell the server operator.',
};

/** The `ApiError` type every data payload's `error` field has (and its `ApiErrorCode` enum). */
export function defineApiError(builder: Builder): Ref<ApiErrorShape> {
	const ApiErrorCode = builder.enumType('ApiErrorCode', {
		description:
			"Why a Smartflo data operation failed: the core's codes (the same as AuthErrorCode and the n8n node's) and the server's own (UNAUTHENTICATED, FORBIDDEN, UPSTREAM_BUDGET_EXCEEDED).",
		values: Object.fromEntries(API_ERROR_CODES.map((code) => [code, { value: code, description: API_CODE_DESCRIPTIONS[code] }])) as Record<
			ApiErrorCode,
			{ value: ApiErrorCode; description: string }
		>,
	});

	return builder.objectRef<ApiErrorShape>('ApiError').implement({
		description: 'An expected failure of a data operation, returned as data: branch on `code`, show `message` to people.',
		fields: (t) => ({
			code: t.field({ type: ApiErrorCode, description: 'Machine-readable reason.', resolve: (error) => error.code }),
			message: t.exposeString('message', {
				description: 'What happened and what to do, in plain words. Never contains a password, a token, an API key or what Smartflo sent.',
			}),
			retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
				nullable: true,
				description: 'For RATE_LIMITED: seconds to wait before trying again (also sent as the HTTP Retry-After header).',
			}),
			field: t.exposeString('field', {
				nullable: true,
				description: "For INVALID_INPUT: the argument or Smartflo parameter at fault, when one is (Smartflo's name for it).",
			}),
		}),
	});
}

export type ApiOutcome<T> = { ok: true; value: T; error: null } | { ok: false; value: null; error: ApiErrorShape };

/**
 * Runs a data resolver's work (smartfloFor, then the client's calls) and settles it as data: the value,
 * or the failure as an ApiError, recorded for the request's log line and the HTTP 429 rule. Only
 * SmartfloErrors (GatewayErrors included) are expected; anything else is rethrown for yoga to mask.
 */
export async function settleApiCall<T>(work: () => Promise<T>, context: GraphQLContext): Promise<ApiOutcome<T>> {
	try {
		const value = await work();
		recordSuccess(context);
		return { ok: true, value, error: null };
	} catch (error) {
		if (!(error instanceof SmartfloError)) throw error;
		const shape = recordFailure(apiErrorCodeOf(error), error, context, SERVER_SIDE_MESSAGES);
		return { ok: false, value: null, error: { ...shape, field: error.field ?? null } };
	}
}
