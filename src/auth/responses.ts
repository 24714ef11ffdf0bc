import {
	isJsonObject,
	numberOf,
	positiveNumberOf,
	readAnswer,
	saysTokenExpired,
	TOKEN_REFUSAL_STATUSES,
	type JsonObject,
} from '../api/answer';
import { answerFailure } from '../api/answer-failure';
import type { HttpResponse } from '../http/transport';
import { SmartfloError } from './errors';
import { decodeToken } from './jwt';
import { isHeaderSafeToken } from './token';

export interface TokenSet {
	accessToken: string;
	/** As Smartflo says it: 'bearer'. */
	tokenType: string;
	/** Seconds, as Smartflo said. */
	expiresIn: number;
	/** Epoch ms: request start + expiresIn, or the JWT `exp` when that is earlier. */
	expiresAt: number;
	/** Smartflo's `number_of_days_left` until the account password expires (90-day policy). */
	passwordExpiresInDays?: number;
}

export type TokenOperation = 'login' | 'refresh';

/** Smartflo documents one-hour login tokens; used when neither `expires_in` nor the JWT says. */
const DOCUMENTED_TOKEN_LIFETIME_SECONDS = 3600;
/** Permanent tokens live about 9.5 years; a longer stated lifetime is capped, not trusted. */
const MAX_TOKEN_LIFETIME_SECONDS = 20 * 365 * 24 * 3600;
const MAX_PASSWORD_DAYS_LEFT = 36_500;
/** Smartflo's documented wrong-password answers, and Laravel's default. */
const WRONG_CREDENTIALS_WORDING = /password is incorrect|invalid credentials|credentials do not match/i;

/**
 * Turns Smartflo's answer to a login or refresh into a TokenSet, or throws the SmartfloError that
 * names what happened. Success is decided by the body, whatever the status: Smartflo answers
 * `success:false` with 200 as well as with 4xx.
 */
export function readTokenResponse(operation: TokenOperation, response: HttpResponse, requestedAt: number): TokenSet {
	const answer = readAnswer(response);
	const { status } = answer;
	switch (answer.kind) {
		case 'rateLimited':
		case 'html':
		case 'serverError':
		case 'notJson':
			throw answerFailure(answer);
		case 'refused':
			if (isRejectionStatus(status) && (answer.json || TOKEN_REFUSAL_STATUSES.includes(status))) {
				throw rejection(operation, status, answer.json, answer.message);
			}
			throw new SmartfloError(
				'BAD_RESPONSE',
				`Smartflo answered HTTP ${status} to ${operation === 'login' ? 'the login' : 'the token refresh'}. Check the base URL.`,
				{ status },
			);
		case 'ok':
			return tokenSetOf(answer.json, status, requestedAt);
	}
}

/** The statuses Smartflo refuses a login or refresh with; any other refusal means a wrong endpoint. */
function isRejectionStatus(status: number): boolean {
	return (status >= 200 && status < 300) || [400, 401, 403, 422, 423].includes(status);
}

function tokenSetOf(json: unknown, status: number, requestedAt: number): TokenSet {
	if (json === undefined) throw new SmartfloError('BAD_RESPONSE', `Smartflo answered HTTP ${status} with an empty body.`, { status });
	if (!isJsonObject(json)) {
		throw new SmartfloError('BAD_RESPONSE', `Smartflo answered HTTP ${status} with JSON that is not an object.`, { status });
	}
	const accessToken = typeof json.access_token === 'string' ? json.access_token.trim() : '';
	if (!accessToken) throw new SmartfloError('BAD_RESPONSE', `Smartflo answered HTTP ${status} without an access token.`, { status });
	if (!isHeaderSafeToken(accessToken)) {
		throw new SmartfloError('BAD_RESPONSE', `Smartflo answered HTTP ${status} with an access token that cannot be sent in a header.`, {
			status,
		});
	}
	return tokenSet(json, accessToken, requestedAt);
}

function rejection(operation: TokenOperation, status: number, body: JsonObject | undefined, message: string): SmartfloError {
	if (operation === 'refresh') {
		if (saysTokenExpired(message)) {
			return new SmartfloError('TOKEN_EXPIRED', 'The Smartflo token has expired. Log in again to get a new one.', { status });
		}
		return new SmartfloError(
			'TOKEN_REJECTED',
			'Smartflo rejected the token (revoked, blacklisted, already refreshed or not a Smartflo token).',
			{ status },
		);
	}
	if (status === 422) {
		return new SmartfloError('INVALID_INPUT', 'Smartflo refused the login request as invalid. Check the email (login ID) format.', {
			status,
		});
	}
	const loginFailedCount = toNonNegativeInteger(body?.login_failed_count);
	if (/locked/i.test(message)) {
		return new SmartfloError(
			'INVALID_CREDENTIALS',
			'Smartflo has locked this account after too many failed logins. Reset the password in the Smartflo portal.',
			{ status, loginFailedCount, reason: 'ACCOUNT_LOCKED' },
		);
	}
	if (/password\b.*\bexpired/i.test(message) || toNonNegativeInteger(body?.number_of_days_left) === 0) {
		return new SmartfloError(
			'INVALID_CREDENTIALS',
			'Smartflo refused the login because the account password has expired (90-day policy). Change it in the Smartflo portal.',
			{ status, loginFailedCount, reason: 'PASSWORD_EXPIRED' },
		);
	}
	const attempts = loginFailedCount === undefined ? '' : ` (${loginFailedCount} so far)`;
	return new SmartfloError(
		'INVALID_CREDENTIALS',
		`Wrong email or password. Smartflo counts failed attempts${attempts}; check the credential before trying again.`,
		{ status, loginFailedCount, ...(WRONG_CREDENTIALS_WORDING.test(message) ? { reason: 'WRONG_CREDENTIALS' as const } : {}) },
	);
}

function tokenSet(body: JsonObject, accessToken: string, requestedAt: number): TokenSet {
	const { expiresIn, expiresAt } = lifetime(positiveNumberOf(body.expires_in), decodeToken(accessToken)?.expiresAt, requestedAt);
	const set: TokenSet = {
		accessToken,
		tokenType: typeof body.token_type === 'string' && body.token_type ? body.token_type : 'bearer',
		expiresIn,
		expiresAt,
	};
	const daysLeft = toNonNegativeInteger(body.number_of_days_left);
	// Smartflo's policy is 90 days; a count beyond a lifetime is not a count.
	if (daysLeft !== undefined && daysLeft <= MAX_PASSWORD_DAYS_LEFT) set.passwordExpiresInDays = daysLeft;
	return set;
}

/** Counted from the request start (network time is charged to the token), never past the JWT `exp`. */
function lifetime(statedSeconds: number | undefined, jwtExpiresAt: number | undefined, requestedAt: number) {
	if (statedSeconds === undefined && jwtExpiresAt !== undefined) {
		const expiresAt = Math.min(jwtExpiresAt, requestedAt + MAX_TOKEN_LIFETIME_SECONDS * 1000);
		return { expiresIn: Math.max(0, Math.round((expiresAt - requestedAt) / 1000)), expiresAt };
	}
	const expiresIn = Math.min(statedSeconds ?? DOCUMENTED_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
	const byLifetime = requestedAt + expiresIn * 1000;
	return { expiresIn, expiresAt: jwtExpiresAt !== undefined && jwtExpiresAt < byLifetime ? jwtExpiresAt : byLifetime };
}

function toNonNegativeInteger(value: unknown): number | undefined {
	const number = numberOf(value);
	return number !== undefined && Number.isInteger(number) && number >= 0 ? number : undefined;
}
