/** Every way a Smartflo auth call can fail. The GraphQL schema and the n8n faces expose these codes. */
export const SMARTFLO_ERROR_CODES = [
	'INVALID_INPUT',
	'INVALID_CREDENTIALS',
	'TOKEN_EXPIRED',
	'TOKEN_REJECTED',
	'RATE_LIMITED',
	'TIMEOUT',
	'NETWORK_ERROR',
	'UPSTREAM_ERROR',
	'BAD_RESPONSE',
] as const;

export type SmartfloErrorCode = (typeof SMARTFLO_ERROR_CODES)[number];

/** A finer cause, for callers that word the error themselves. WRONG_CREDENTIALS: Smartflo's body said the email or password is wrong. */
export type SmartfloErrorReason = 'ACCOUNT_LOCKED' | 'PASSWORD_EXPIRED' | 'WRONG_CREDENTIALS';

export interface SmartfloErrorDetails {
	/** HTTP status Smartflo answered with, when it answered. */
	status?: number;
	/** From `Retry-After`, when Smartflo rate-limits. */
	retryAfterSeconds?: number;
	/** Smartflo's `login_failed_count` after a rejected login. */
	loginFailedCount?: number;
	reason?: SmartfloErrorReason;
	/** The system error code of a NETWORK_ERROR or TIMEOUT, e.g. ECONNREFUSED. */
	systemCode?: string;
}

/**
 * The only error the core throws. Its message is written by the core, never copied from Smartflo or a
 * transport, so it cannot carry a password, a token or an upstream body.
 */
export class SmartfloError extends Error {
	override readonly name = 'SmartfloError';
	readonly code: SmartfloErrorCode;
	readonly status?: number;
	readonly retryAfterSeconds?: number;
	readonly loginFailedCount?: number;
	readonly reason?: SmartfloErrorReason;
	readonly systemCode?: string;

	constructor(code: SmartfloErrorCode, message: string, details: SmartfloErrorDetails = {}) {
		super(message);
		this.code = code;
		if (details.status !== undefined) this.status = details.status;
		if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
		if (details.loginFailedCount !== undefined) this.loginFailedCount = details.loginFailedCount;
		if (details.reason !== undefined) this.reason = details.reason;
		if (details.systemCode !== undefined) this.systemCode = details.systemCode;
	}

	/** Whether retrying the same call later can succeed without the caller changing anything. */
	get transient(): boolean {
		return this.code === 'NETWORK_ERROR' || this.code === 'UPSTREAM_ERROR' || this.code === 'RATE_LIMITED' || this.code === 'TIMEOUT';
	}

	toJSON() {
		return {
			name: this.name,
			code: this.code,
			message: this.message,
			status: this.status,
			retryAfterSeconds: this.retryAfterSeconds,
			loginFailedCount: this.loginFailedCount,
			reason: this.reason,
			systemCode: this.systemCode,
		};
	}
}

export function isSmartfloError(error: unknown, ...codes: SmartfloErrorCode[]): error is SmartfloError {
	return error instanceof SmartfloError && (codes.length === 0 || codes.includes(error.code));
}
