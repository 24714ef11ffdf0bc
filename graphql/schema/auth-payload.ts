import { SmartfloError, type SmartfloErrorCode, type TokenSet } from '../../src/auth';
import type { GraphQLContext } from '../context';
import type { AuthErrorShape } from './auth-error';
import type { Builder, Ref } from './builder';

export interface AuthPayloadShape {
	ok: boolean;
	token: TokenSet | null;
	error: AuthErrorShape | null;
}

export function defineAuthPayload(builder: Builder, refs: { AccessToken: Ref<TokenSet>; AuthError: Ref<AuthErrorShape> }) {
	return builder.objectRef<AuthPayloadShape>('AuthPayload').implement({
		description: 'The result of a login or refresh. Exactly one of `token` and `error` is set; `ok` says which.',
		fields: (t) => ({
			ok: t.exposeBoolean('ok', { description: 'True when `token` is set.' }),
			token: t.field({
				type: refs.AccessToken,
				nullable: true,
				description: 'The new access token, when `ok` is true.',
				resolve: (payload) => payload.token,
			}),
			error: t.field({
				type: refs.AuthError,
				nullable: true,
				description: 'Why it failed, when `ok` is false.',
				resolve: (payload) => payload.error,
			}),
		}),
	});
}

/**
 * What a caller is told when the fault is on the server's side. The core's text for these names the
 * upstream URL and the system error, which is for the server's operator, not for its clients.
 */
const SERVER_SIDE_MESSAGES: Partial<Record<SmartfloErrorCode, string>> = {
	TIMEOUT: 'Smartflo did not answer in time. Try again later.',
	NETWORK_ERROR: 'Smartflo could not be reached. Try again later.',
	UPSTREAM_ERROR: 'Smartflo had a server error. Try again later.',
	BAD_RESPONSE: 'Smartflo answered with something that is not a token response. Try again later; if it persists, tell the server operator.',
};

/**
 * Expected failures (SmartfloError) become data; anything else is rethrown for yoga to mask. The
 * message is the core's own text, which never carries an upstream body or a secret, or for faults
 * on the server's side a fixed text without the upstream URL.
 */
export async function toAuthPayload(work: Promise<TokenSet>, context: GraphQLContext): Promise<AuthPayloadShape> {
	const { record } = context;
	try {
		const token = await work;
		record.outcomes.push('ok');
		return { ok: true, token, error: null };
	} catch (error) {
		if (!(error instanceof SmartfloError)) throw error;
		record.outcomes.push(error.code);
		let retryAfterSeconds = error.retryAfterSeconds ?? null;
		if (error.code === 'RATE_LIMITED') {
			// The same whole, positive number as the Retry-After header.
			retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds ?? context.defaultRetryAfterSeconds));
			record.retryAfterSeconds = Math.max(record.retryAfterSeconds ?? 0, retryAfterSeconds);
		}
		const message = SERVER_SIDE_MESSAGES[error.code] ?? error.message;
		return { ok: false, token: null, error: { code: error.code, message, retryAfterSeconds } };
	}
}
