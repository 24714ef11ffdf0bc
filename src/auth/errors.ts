/**
 * Every way a Smartflo call can fail: the auth calls (login, refresh) and the API calls of the
 * catalogue. The GraphQL schema and the n8n faces expose these codes. New codes are added at the end.
 */
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
	/** An API call Smartflo refused for a business reason (`success: false`, or a 4xx that is not about the token). */
	'REFUSED',
	/** An API call Smartflo refused as malformed (HTTP 422), with its messages per field in `fieldErrors`. */
	'VALIDATION_FAILED',
	/** An API call for something Smartflo does not have (HTTP 404). */
	'NOT_FOUND',
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
	/** INVALID_INPUT found before sending: Smartflo's name of the parameter at fault. */
	field?: string;
	/** INVALID_INPUT found before sending: how to fix it. */
	hint?: string;
	/**
	 * Smartflo's own `message` for a refused API call, cut to 300 characters, with anything shaped like a
	 * token, a signed link or a secret that was sent taken out. For faces that show Smartflo's words.
	 */
	upstreamMessage?: string;
	/** VALIDATION_FAILED: Smartflo's messages per field (Laravel's `errors`), cleaned like upstreamMessage. */
	fieldErrors?: Record<string, string[]>;
	/** Smartflo's JSON answer to a refused API call, cleaned like upstreamMessage; see SmartfloError#upstreamBody. */
	upstreamBody?: Record<string, unknown>;
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
	readonly field?: string;
	readonly hint?: string;
	readonly upstreamMessage?: string;
	readonly fieldErrors?: Record<string, string[]>;
	readonly #upstreamBody?: Record<string, unknown>;

	constructor(code: SmartfloErrorCode, message: string, details: SmartfloErrorDetails = {}) {
		super(message);
		this.code = code;
		if (details.status !== undefined) this.status = details.status;
		if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
		if (details.loginFailedCount !== undefined) this.loginFailedCount = details.loginFailedCount;
		if (details.reason !== undefined) this.reason = details.reason;
		if (details.systemCode !== undefined) this.systemCode = details.systemCode;
		if (details.field !== undefined) this.field = details.field;
		if (details.hint !== undefined) this.hint = details.hint;
		if (details.upstreamMessage !== undefined) this.upstreamMessage = details.upstreamMessage;
		if (details.fieldErrors !== undefined) this.fieldErrors = details.fieldErrors;
		this.#upstreamBody = details.upstreamBody;
	}

	/**
	 * Smartflo's JSON answer to a refused API call, for a face that shows it to the account's owner (the
	 * n8n node's error details). Kept out of `toJSON`, `String` and `util.inspect`: never log it, never
	 * return it to a GraphQL or MCP client.
	 */
	get upstreamBody(): Record<string, unknown> | undefined {
		return this.#upstreamBody;
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
			field: this.field,
			hint: this.hint,
			upstreamMessage: this.upstreamMessage,
			fieldErrors: this.fieldErrors,
		};
	}
}

export function isSmartfloError(error: unknown, ...codes: SmartfloErrorCode[]): error is SmartfloError {
	return error instanceof SmartfloError && (codes.length === 0 || codes.includes(error.code));
}
