import type { AuthPayloadShape } from './auth-payload';
import { toAuthPayload } from './auth-payload';
import type { Builder, Ref } from './builder';

export function defineAuthMutations(builder: Builder, AuthPayload: Ref<AuthPayloadShape>) {
	builder.mutationType({
		description:
			'Getting Smartflo tokens. Failures are data (`ok: false` and `error`); a request over the limits in which no field succeeded is also answered with HTTP 429.',
		fields: (t) => ({
			login: t.field({
				type: AuthPayload,
				description: 'Logs in to Smartflo with a portal login (email) and password and returns a one-hour access token.',
				args: {
					email: t.arg.string({ required: true, description: 'The Smartflo login ID, usually an email address.' }),
					password: t.arg.string({ required: true, description: 'The Smartflo portal password.' }),
				},
				resolve: (_root, { email, password }, context) =>
					toAuthPayload(context.auth.login({ email, password }, { ip: context.clientIp, requestMemo: context.requestMemo }), context),
			}),
			refresh: t.field({
				type: AuthPayload,
				description: 'Exchanges a still-valid Smartflo access token for a new one. Smartflo may invalidate the old token.',
				args: {
					token: t.arg.string({ required: true, description: 'The current access token, with or without "Bearer ".' }),
					replacePermanentToken: t.arg.boolean({
						required: false,
						defaultValue: false,
						description:
							'A permanent token (one that lasts years) is refused with INVALID_INPUT unless this is true: refreshing it replaces it with a token that expires in an hour.',
					}),
				},
				resolve: (_root, { token, replacePermanentToken }, context) =>
					toAuthPayload(
						context.auth.refresh(
							token,
							{ ip: context.clientIp, requestMemo: context.requestMemo },
							{ replacePermanentToken: replacePermanentToken === true },
						),
						context,
					),
			}),
		}),
	});
}
