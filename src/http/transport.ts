/**
 * The one seam between the Smartflo core and the network. The core builds requests and interprets
 * responses; a transport only moves bytes. Implementations: the undici transport (GraphQL server,
 * library users) and a transport over n8n's `helpers.httpRequest` (credential and node).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL. */
	url: string;
	headers: Record<string, string>;
	body?: string;
	/** Give up when no complete answer arrived within this many milliseconds. */
	timeoutMs: number;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

export interface HttpTransport {
	/**
	 * Resolves with any HTTP status (4xx and 5xx included). Rejects only with a {@link TransportError}
	 * when no complete response arrived.
	 */
	request(request: HttpRequest): Promise<HttpResponse>;
}

export type TransportFailure = 'timeout' | 'network' | 'response-too-large';

/** Raised by transports when no complete HTTP response arrived. Carries no URL, header or body. */
export class TransportError extends Error {
	override readonly name = 'TransportError';

	constructor(
		readonly kind: TransportFailure,
		/** A system error code such as ECONNREFUSED, when known. */
		readonly causeCode?: string,
	) {
		super(causeCode ? `${kind} (${causeCode})` : kind);
	}
}

export function isTransportError(error: unknown): error is TransportError {
	return error instanceof TransportError;
}

/** Response headers as the core reads them: lower-case names, repeated values joined with ", ". */
export function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return flat;
}

/** The first system error code (ECONNREFUSED, UND_ERR_SOCKET, …) on an error or its causes. */
export function systemErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
