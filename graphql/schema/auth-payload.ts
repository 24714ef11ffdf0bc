import { SmartfloError, type SmartfloErrorCode, type TokenSet } from '../../src/auth';
import type { GraphQLContext } from '../context';
import type { AuthErrorShape } from './auth-error';
import type { Builder, Ref } from './builder';
import { recordFailure, recordSuccess } from './outcome';

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

/** Expected failures (SmartfloError) become data (see recordFailure); anything else is rethrown for yoga to mask. */
export async function toAuthPayload(work: Promise<TokenSet>, context: GraphQLContext): Promise<AuthPayloadShape> {
	try {
		const token = await work;
		recordSuccess(context);
		return { ok: true, token, error: null };
	} catch (error) {
		if (!(error instanceof SmartfloError)) throw error;
		return { ok: false, token: null, error: recordFailure(error.code, error, context, SERVER_SIDE_MESSAGES) };
	}
}
