import { isSmartfloError } from '../auth/errors';

/**
 * Where the refused email, password or token came from: the credential (its login or its pasted
 * token), the node's own Email and Password fields, or a token from an earlier workflow step.
 */
export type AuthSource = 'credential' | 'nodeFields' | 'previousStep';

/**
 * System error codes in words. n8n replaces a message that names such a code with its own generic
 * text, so messages say it in words and keep the code for the description.
 */
const CONNECTION_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	CERT_HAS_EXPIRED: 'the server’s certificate has expired',
};

/** What went wrong with a connection, in words: `the connection was refused`, `no answer in time`, `a network error`. */
export function connectionFailureWords(kind: 'timeout' | 'network' | 'response-too-large', systemCode?: string): string {
	if (kind === 'timeout') return 'no answer in time';
	if (kind === 'response-too-large') return 'the answer was far too large';
	return CONNECTION_FAILURES[systemCode ?? ''] ?? 'a network error';
}

/** What a person sees: the message says what happened, the description what to do about it. */
export interface UserFacingFailure {
	message: string;
	description: string;
	/** Smartflo's HTTP status, when it answered. */
	httpCode?: string;
}

/**
 * Turns a failed login, refresh or token check into words a user can act on. Built from the error's
 * code and numbers only, so no password, token or upstream text can reach the message. System error
 * codes stay out of the message: n8n replaces messages containing ECONNREFUSED and the like with a
 * generic text, which would hide the base URL.
 */
export function describeAuthFailure(error: unknown, baseUrl: string, source: AuthSource = 'credential'): UserFacingFailure {
	if (!isSmartfloError(error)) {
		return {
			message: `Smartflo authentication failed at ${baseUrl}`,
			description: 'An unexpected error occurred while obtaining a Smartflo token. Try again; if it persists, report it.',
		};
	}
	const httpCode = error.status === undefined ? undefined : String(error.status);
	const failure = (message: string, description: string): UserFacingFailure =>
		httpCode === undefined ? { message, description } : { message, description, httpCode };

	const loginFields = source === 'nodeFields' ? 'the Email and Password fields of this node' : 'this credential';
	switch (error.code) {
		case 'INVALID_CREDENTIALS': {
			if (error.reason === 'ACCOUNT_LOCKED') {
				return failure(
					'Smartflo has locked this account after too many failed logins',
					`Reset the password in the Smartflo portal, then update the email and password in ${loginFields}.`,
				);
			}
			if (error.reason === 'PASSWORD_EXPIRED') {
				return failure(
					'The Smartflo password of this account has expired',
					`Smartflo expires passwords every 90 days. Change it in the Smartflo portal, then update the password in ${loginFields}.`,
				);
			}
			const attempts = error.loginFailedCount === undefined ? '' : ` (${error.loginFailedCount})`;
			return failure(
				`Wrong email or password — Smartflo counts failed attempts${attempts}`,
				`Check the email (login ID) and password in ${loginFields} before running again: every failed login counts towards a lockout. Smartflo passwords expire every 90 days; if it was changed in the portal, update it there too.`,
			);
		}
		case 'INVALID_INPUT':
			return failure(error.message, 'Correct the value and try again.');
		case 'TOKEN_EXPIRED':
		case 'TOKEN_REJECTED':
			if (source === 'previousStep') {
				return failure(
					error.code === 'TOKEN_EXPIRED'
						? 'Smartflo no longer refreshes this token: it has expired'
						: 'Smartflo rejected the token: revoked, blacklisted, already refreshed or not a Smartflo token',
					'A token can be refreshed once, before Smartflo stops accepting it. Use the token the previous Login or Refresh returned, or log in again (Token → Login).',
				);
			}
			return failure(
				error.message,
				'A permanent or API Connect token cannot be renewed by n8n. Generate a new one in Smartflo (API Connect) and paste it, or switch the credential to Email & Password.',
			);
		case 'RATE_LIMITED':
			return failure(
				`Smartflo is rate limiting requests at ${baseUrl}`,
				error.retryAfterSeconds === undefined
					? 'Smartflo answered HTTP 429. Wait a little, or enable Retry On Fail in the node settings.'
					: `Smartflo answered HTTP 429 and asked to wait ${error.retryAfterSeconds} s. Enable Retry On Fail in the node settings to wait automatically.`,
			);
		case 'TIMEOUT':
			return failure(
				`Smartflo did not answer in time at ${baseUrl}`,
				'Smartflo or the network is slow. Try again, or enable Retry On Fail in the node settings.',
			);
		case 'NETWORK_ERROR':
			return failure(
				`Smartflo unreachable at ${baseUrl}`,
				`Check the Base URL in the credential and that n8n can reach it (proxy, firewall, DNS).${error.systemCode ? ` The connection failed: ${connectionFailureWords('network', error.systemCode)} (${error.systemCode}).` : ''}`,
			);
		case 'UPSTREAM_ERROR':
			return failure(`Smartflo had a server error at ${baseUrl}`, `${error.message} Try again later.`);
		case 'REFUSED':
		case 'VALIDATION_FAILED':
		case 'NOT_FOUND':
			// Answers to API calls, never to a login or refresh.
			return failure(error.message, 'Check the parameters of this operation.');
		case 'BAD_RESPONSE':
			return failure(
				`Smartflo at ${baseUrl} did not answer like the Smartflo API`,
				`${error.message} Check that the Base URL points to the Smartflo API (https://api-smartflo.tatateleservices.com, without /v1).`,
			);
	}
}
