import { SmartfloError, type SmartfloErrorCode, type SmartfloErrorDetails } from '../../auth/errors';
import { fieldErrorsOf, isTokenRefusal, messageOf, saysTokenExpired, type Answer } from '../answer';
import type { EndpointDefinition } from '../endpoints';
import type { Redactor } from './redact';

export type RefusedAnswer = Extract<Answer, { kind: 'refused' }>;

/** How the token of a refused call came: the account's renewable session, or a token nobody here can renew. */
export type TokenRefusalContext = 'renewed' | 'notRenewable';

/**
 * The coded error for an answer that refuses an API call. A refused token is TOKEN_EXPIRED or
 * TOKEN_REJECTED (`renewal` says whether a renewed token was refused too), a refused API key REFUSED;
 * otherwise 422 is VALIDATION_FAILED, 404 NOT_FOUND and anything else REFUSED. Messages are written
 * here; Smartflo's own words travel apart, cleaned, in `upstreamMessage`, `fieldErrors` and `upstreamBody`.
 */
export function refusalError(
	endpoint: EndpointDefinition,
	answer: RefusedAnswer,
	redactor: Redactor,
	renewal: TokenRefusalContext,
): SmartfloError {
	const { status } = answer;
	const details: SmartfloErrorDetails = { status };
	const said = messageOf(answer.json, redactor.text);
	if (said) details.upstreamMessage = said;
	if (answer.json) details.upstreamBody = redactor.json(answer.json);
	const fail = (code: SmartfloErrorCode, message: string) => new SmartfloError(code, message, details);

	if (isTokenRefusal(answer)) {
		if (endpoint.auth === 'apiKey') {
			return fail('REFUSED', `Smartflo refused the API key (HTTP ${status}). Use the Click to Call Support key from API Connect.`);
		}
		const expired = saysTokenExpired(answer.message);
		if (renewal === 'renewed') {
			return fail(
				expired ? 'TOKEN_EXPIRED' : 'TOKEN_REJECTED',
				`Smartflo refused the request even with a newly obtained token (HTTP ${status}): the user may not be allowed to use this part of the API.`,
			);
		}
		return fail(
			expired ? 'TOKEN_EXPIRED' : 'TOKEN_REJECTED',
			expired
				? `Smartflo refused the token: it has expired (HTTP ${status}). Refresh it or log in again.`
				: `Smartflo refused the token (HTTP ${status}): revoked, blacklisted, already refreshed or not a Smartflo token. Log in again.`,
		);
	}
	if (status === 422) {
		const fieldErrors = fieldErrorsOf(answer.json, redactor.text);
		details.fieldErrors = fieldErrors;
		// Only names the endpoint declares reach the message: the rest of Smartflo's answer is its own words.
		const named = endpoint.params.filter((param) => Object.hasOwn(fieldErrors, param.name)).map((param) => param.name);
		return fail(
			'VALIDATION_FAILED',
			`Smartflo refused the input as invalid (HTTP 422)${named.length > 0 ? `; check ${named.join(', ')}` : ''}.`,
		);
	}
	if (status === 404) {
		return fail(
			'NOT_FOUND',
			`Smartflo found nothing for ${endpoint.method} ${endpoint.path} (HTTP 404). Check the ID, and that the base URL points to the Smartflo API.`,
		);
	}
	if (status >= 300) return fail('REFUSED', `Smartflo refused the request (HTTP ${status}).`);
	const flag = answer.json?.success === false ? 'success' : (endpoint.refusalFlag ?? 'success');
	return fail('REFUSED', `Smartflo refused the request (HTTP ${status}, ${flag}: false).`);
}
