import type { GraphQLServer } from '../../graphql/server';

export interface GraphQLReply {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
	body: any;
	text: string;
}

export const LOGIN_MUTATION = `mutation Login($email: String!, $password: String!) {
	login(email: $email, password: $password) {
		ok
		token { accessToken tokenType expiresIn expiresAt passwordExpiresInDays }
		error { code message retryAfterSeconds }
	}
}`;

export const REFRESH_MUTATION = `mutation Refresh($token: String!) {
	refresh(token: $token) {
		ok
		token { accessToken tokenType expiresIn expiresAt }
		error { code message retryAfterSeconds }
	}
}`;

export const TOKEN_INFO_QUERY = `query TokenInfo($token: String!) {
	tokenInfo(token: $token) { valid expired issuedAt expiresAt secondsRemaining }
}`;

/** POSTs a GraphQL request as JSON to `server.fetch` (no socket involved). */
export async function postGraphQL(
	server: Pick<GraphQLServer, 'fetch'>,
	query: string,
	variables?: Record<string, unknown>,
	headers: Record<string, string> = {},
): Promise<GraphQLReply> {
	const response = await server.fetch('http://smartflo.test/graphql', {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
		body: JSON.stringify({ query, variables }),
	});
	return readReply(response);
}

/** POSTs to a listening server over real HTTP. */
export async function postOverHttp(
	url: string,
	query: string,
	variables?: Record<string, unknown>,
	headers: Record<string, string> = {},
): Promise<GraphQLReply> {
	const response = await fetch(`${url}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
		body: JSON.stringify({ query, variables }),
	});
	return readReply(response);
}

export async function readReply(response: Response): Promise<GraphQLReply> {
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, body, text };
}

/** Collects the JSON lines a server logs. */
export function captureLogs(): { lines: string[]; write: (line: string) => void; entries: () => Array<Record<string, unknown>> } {
	const lines: string[] = [];
	return {
		lines,
		write: (line) => lines.push(line),
		entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
	};
}
