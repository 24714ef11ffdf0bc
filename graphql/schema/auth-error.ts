import { SMARTFLO_ERROR_CODES, type SmartfloErrorCode } from '../../src/auth';
import type { Builder } from './builder';
import type { ErrorShape } from './outcome';

export type AuthErrorShape = ErrorShape<SmartfloErrorCode>;

/** Typed as a complete record so a code added to the core fails the build until it is described here. */
export const CODE_DESCRIPTIONS: Record<SmartfloErrorCode, string> = {
	INVALID_INPUT: 'The input was empty, too long or refused by Smartflo as malformed. Fix the input; retrying as is will not help.',
	INVALID_CREDENTIALS: 'Smartflo rejected the email and password (or the account is locked). Do not retry with the same password.',
	TOKEN_EXPIRED: 'The token has expired and can no longer be refreshed. Log in again.',
	TOKEN_REJECTED: 'Smartflo rejected the token: revoked, blacklisted, already refreshed or not a Smartflo token. Log in again.',
	RATE_LIMITED: 'Too many attempts, here or at Smartflo. Wait retryAfterSeconds before trying again.',
	TIMEOUT: 'Smartflo did not answer in time. Retrying later may succeed.',
	NETWORK_ERROR: 'Smartflo could not be reached. Retrying later may succeed.',
	UPSTREAM_ERROR: 'Smartflo had a server error. Retrying later may succeed.',
	BAD_RESPONSE: 'Smartflo answered with something that is not a token response. Check the server configuration.',
	REFUSED: 'Smartflo refused the request for a business reason (success: false). Check the input against the message.',
	VALIDATION_FAILED: 'Smartflo refused the input as malformed (HTTP 422). Fix the fields it names.',
	NOT_FOUND: 'Smartflo has nothing with that ID (HTTP 404). Check the ID.',
};

export function defineAuthError(builder: Builder) {
	const AuthErrorCode = builder.enumType('AuthErrorCode', {
		description: 'Why a login or refresh failed. The same codes as the Smartflo library and the n8n node use.',
		values: Object.fromEntries(SMARTFLO_ERROR_CODES.map((code) => [code, { value: code, description: CODE_DESCRIPTIONS[code] }])) as Record<
			SmartfloErrorCode,
			{ value: SmartfloErrorCode; description: string }
		>,
	});

	return builder.objectRef<AuthErrorShape>('AuthError').implement({
		description: 'An expected failure, returned as data: branch on `code`, show `message` to people.',
		fields: (t) => ({
			code: t.field({
				type: AuthErrorCode,
				description: 'Machine-readable reason.',
				resolve: (error) => error.code,
			}),
			message: t.exposeString('message', {
				description: 'What happened and what to do, in plain words. Never contains a password or a token.',
			}),
			retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
				nullable: true,
				description: 'For RATE_LIMITED: seconds to wait before trying again (also sent as the HTTP Retry-After header).',
			}),
		}),
	});
}
