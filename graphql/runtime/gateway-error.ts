import { SMARTFLO_ERROR_CODES, SmartfloError, type SmartfloErrorCode } from '../../src/auth';

/**
 * The failures the server decides itself, before or instead of asking Smartflo. They are the faces'
 * (GraphQL, MCP) additions to the core's codes; the core never raises them.
 * - `UNAUTHENTICATED`: no usable credential (no token and no API key, an unknown API key, an
 *   Authorization header that is not `Bearer <token>`);
 * - `FORBIDDEN`: the API key may not do this (a write, delete or call with a read-only key);
 * - `UPSTREAM_BUDGET_EXCEEDED`: the request has used every call to Smartflo one request may make.
 */
export const GATEWAY_ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_BUDGET_EXCEEDED'] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** Every code a face reports for a Smartflo data operation: the core's, then the server's own. */
export const API_ERROR_CODES = [...SMARTFLO_ERROR_CODES, ...GATEWAY_ERROR_CODES] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The core code a GatewayError also carries, for code that knows only the core's. */
const CORE_CODES: Record<GatewayErrorCode, SmartfloErrorCode> = {
	UNAUTHENTICATED: 'INVALID_INPUT',
	FORBIDDEN: 'REFUSED',
	UPSTREAM_BUDGET_EXCEEDED: 'INVALID_INPUT',
};

/**
 * A failure the server decided (`gatewayCode`). It is a SmartfloError, so it crosses the core client
 * unchanged when a transport throws it (the per-request budget does) and one `catch` handles both;
 * its `code` is the nearest core code. Its message is written here, never quoting a key or a token.
 */
export class GatewayError extends SmartfloError {
	readonly gatewayCode: GatewayErrorCode;

	constructor(gatewayCode: GatewayErrorCode, message: string) {
		super(CORE_CODES[gatewayCode], message);
		this.gatewayCode = gatewayCode;
	}
}

/** The code a face reports for `error`: the server's own for a GatewayError, else the core's. */
export function apiErrorCodeOf(error: SmartfloError): ApiErrorCode {
	return error instanceof GatewayError ? error.gatewayCode : error.code;
}
