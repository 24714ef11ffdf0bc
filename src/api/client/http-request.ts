import type { HttpRequest } from '../../http/transport';
import type { ApiRequest, Values } from '../endpoints';

/**
 * The HTTP request for an endpoint's request below `baseUrl`: the query string PHP-style (`agents[]=a&agents[]=b`,
 * as Smartflo's Laravel reads lists), the body as JSON, no token yet.
 */
export function httpRequestOf(baseUrl: string, request: ApiRequest, timeoutMs: number): HttpRequest {
	const headers: Record<string, string> = { Accept: 'application/json' };
	const http: HttpRequest = { method: request.method, url: `${baseUrl}${request.path}${queryString(request.qs)}`, headers, timeoutMs };
	if (request.body && Object.keys(request.body).length > 0) {
		headers['Content-Type'] = 'application/json';
		http.body = JSON.stringify(request.body);
	}
	return http;
}

/** The request with `Authorization` set. */
export function withAuthorization(request: HttpRequest, authorization: string): HttpRequest {
	return { ...request, headers: { ...request.headers, Authorization: authorization } };
}

function queryString(qs: Values | undefined): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) for (const entry of value) search.append(`${name}[]`, String(entry));
		else search.append(name, String(value));
	}
	const text = search.toString();
	return text === '' ? '' : `?${text}`;
}
