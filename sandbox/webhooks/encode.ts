import type { RegisteredWebhook } from './types';

export interface OutgoingRequest {
	url: URL;
	method: 'GET' | 'POST';
	headers: Record<string, string>;
	body?: string;
}

/**
 * The HTTP request for a rendered body: JSON or form-encoded for a POST, the query string for a GET
 * (added to the URL's own parameters, such as a secret). Form and query values that are objects or
 * arrays are sent as JSON text.
 */
export function encodeDelivery(webhook: RegisteredWebhook, body: Record<string, unknown>): OutgoingRequest {
	const url = new URL(webhook.url);
	const headers = { 'User-Agent': 'Smartflo-Sandbox-Webhook/1.0', ...webhook.headers };
	if (webhook.method === 'GET') {
		for (const [key, value] of Object.entries(body)) url.searchParams.append(key, asText(value));
		return { url, method: 'GET', headers };
	}
	if (webhook.encoding === 'form') {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(body)) form.append(key, asText(value));
		return { url, method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() };
	}
	return { url, method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
