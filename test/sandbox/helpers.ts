import { createHmac } from 'node:crypto';

import { DEMO_ACCOUNT } from '../../sandbox/index';

// Response bodies are asserted field by field; a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse {
	status: number;
	headers: Headers;
	body: Json;
	text: string;
}

export interface RequestOptions {
	method?: string;
	/** Sent as `Authorization: Bearer <token>`. */
	token?: string;
	headers?: Record<string, string>;
	/** Serialised as JSON unless it is already a string. */
	body?: unknown;
	query?: Record<string, string | number | string[]>;
}

export async function request(baseUrl: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
	const url = new URL(path, baseUrl);
	for (const [key, value] of Object.entries(options.query ?? {})) {
		for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
	}
	const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
	if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: parseOrUndefined(text), text };
}

export function login(baseUrl: string, email: string = DEMO_ACCOUNT.email, password: string = DEMO_ACCOUNT.password) {
	return request(baseUrl, '/v1/auth/login', { body: { email, password } });
}

export async function loginToken(baseUrl: string): Promise<string> {
	const response = await login(baseUrl);
	if (typeof response.body?.access_token !== 'string') throw new Error(`login failed: ${response.text}`);
	return response.body.access_token;
}

export function decodeJwt(token: string): { header: Json; claims: Json; signingInput: string; signature: string } {
	const [header, claims, signature] = token.split('.');
	return {
		header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
		claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')),
		signingInput: `${header}.${claims}`,
		signature,
	};
}

/** An HS256 token computed independently of the sandbox's code. */
export function hs256(claims: object, secret: string): string {
	const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
	const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
	const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${signature}`;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseOrUndefined(text: string): Json {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
