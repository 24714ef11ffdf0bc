// The n8n adapter: what the credential and the nodes share. The only part of src/ that knows n8n;
// only the n8n package ships it.
export { connectionFailureWords, describeAuthFailure } from './auth-failure';
export type { AuthSource, UserFacingFailure } from './auth-failure';
export {
	SMARTFLO_CREDENTIAL_TYPE,
	baseUrlOf,
	needsRenewalBeforeSending,
	passwordDaysLeft,
	readSmartfloCredentials,
} from './credential-fields';
export type { SmartfloAuthMode, SmartfloCredentials } from './credential-fields';
export { createAuthClient, loginWithCredentials, noteTokenReplaced, obtainSession, tokenForRequest } from './credential-session';
export { answerOf, requestHelperOf, responseOf, transportErrorOf } from './request-helper-transport';
export { countSends, recordSend } from './request-sends';
export type { SendCounter } from './request-sends';
export type { RequestHelper } from './request-helper-transport';
