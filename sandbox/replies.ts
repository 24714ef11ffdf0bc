/** A response before it is written: a JSON value, or a ready string or bytes with their own content type. */
export interface Reply {
	status: number;
	body: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

export type FieldErrors = Record<string, string[]>;

export function ok(body: unknown): Reply {
	return { status: 200, body };
}

/** Smartflo's business refusals come back as HTTP 200 with `success: false`. */
export function refused(message: string): Reply {
	return { status: 200, body: { success: false, message } };
}

/** Laravel's validation envelope. */
export function validationFailed(errors: FieldErrors): Reply {
	return { status: 422, body: { success: false, message: 'The given data was invalid.', errors } };
}

// AWS API Gateway's request validation, in front of Smartflo.
export function missingAuthorization(): Reply {
	return { status: 400, body: { message: 'Missing required request parameters: [Authorization]' } };
}

export function tokenExpired(): Reply {
	return { status: 401, body: { message: 'Token has expired' } };
}

export const BLACKLISTED_TOKEN_MESSAGE = 'Deleted or blacklisted token provided';

export function tokenBlacklisted(): Reply {
	return { status: 401, body: { success: false, message: BLACKLISTED_TOKEN_MESSAGE } };
}

export function notFound(): Reply {
	return { status: 404, body: { message: 'Not Found' } };
}

export function methodNotAllowed(allowed: readonly string[]): Reply {
	return { status: 405, body: { message: 'Method Not Allowed' }, headers: { Allow: allowed.join(', ') } };
}

export function payloadTooLarge(): Reply {
	return { status: 413, body: { message: 'Request Entity Too Large' }, headers: { Connection: 'close' } };
}
