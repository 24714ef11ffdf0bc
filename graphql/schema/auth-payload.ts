import { SmartfloError, type TokenSet } from '../../src/auth';
import type { GraphQLContext } from '../context';
import type { AuthErrorShape } from './auth-error';
import type { Builder, Ref } from './builder';

export interface AuthPayloadShape {
	ok: boolean;
	token: TokenSet | null;
	error: AuthErrorShape | null;
}

export function defineAuthPayload(
	builder: Builder,
	refs: { AccessToken: Ref<TokenSet>; AuthError: Ref<AuthErrorShape> },
) {
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
 * Expected failures (SmartfloError) become data; anything else is rethrown for yoga to mask. The
 * message is the core's own text, which never carries an upstream body or a secret.
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
		return { ok: false, token: null, error: { code: error.code, message: error.message, retryAfterSeconds } };
	}
}
