import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What one client sent to Smartflo through the proxy, counted as the sandbox counts (SandboxStats). */
export interface SmartfloTraffic {
	/** Requests forwarded to Smartflo. */
	requests: number;
	loginAttempts: number;
	/** Logins answered with a token. */
	logins: number;
	refreshAttempts: number;
	/** Refreshes answered with a token. */
	refreshes: number;
	/** Requests to any other /v1 path. */
	apiRequests: number;
	/** Refreshes and API requests refused with 401 or 403 (a missing, expired or revoked token). */
	rejectedTokens: number;
	/** Requests for any other address, refused by the proxy. */
	refused: number;
}

export interface CountingProxy {
	/** For HTTP_PROXY. */
	url: string;
	/** The counts so far (a copy). */
	traffic(): SmartfloTraffic;
	close(): Promise<void>;
}

/**
 * A forward HTTP proxy that lets one client reach only `target` (the sandbox) and counts what it sent.
 * Each queue-mode worker gets its own (HTTP_PROXY, which n8n's request helpers honour), so the sandbox's
 * traffic can be told apart per worker without touching the code under test.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
	const origin = new URL(target).origin;
	const counts = emptyTraffic();
	const sockets = new Set<Socket>();
	const server = createServer((incoming, outgoing) => {
		const address = parseTarget(incoming.url);
		if (!address || address.origin !== origin) {
			counts.refused += 1;
			outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('This proxy only reaches the Smartflo sandbox.');
			return;
		}
		forward(incoming, outgoing, address, counts);
	});
	// HTTPS through the proxy (CONNECT) is never what the sandbox needs.
	server.on('connect', (_request, socket: Socket) => {
		counts.refused += 1;
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		traffic: () => ({ ...counts }),
		close: () => {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

function emptyTraffic(): SmartfloTraffic {
	return { requests: 0, loginAttempts: 0, logins: 0, refreshAttempts: 0, refreshes: 0, apiRequests: 0, rejectedTokens: 0, refused: 0 };
}

/** `after − before`, field by field: the traffic of one phase of a run. */
export function trafficBetween(before: SmartfloTraffic, after: SmartfloTraffic): SmartfloTraffic {
	const difference = emptyTraffic();
	for (const key of Object.keys(difference) as Array<keyof SmartfloTraffic>) difference[key] = after[key] - before[key];
	return difference;
}

/** The field-by-field sum. */
export function totalTraffic(traffic: SmartfloTraffic[]): SmartfloTraffic {
	const total = emptyTraffic();
	for (const entry of traffic) for (const key of Object.keys(total) as Array<keyof SmartfloTraffic>) total[key] += entry[key];
	return total;
}

/** A forward proxy receives the absolute URL in the request line. */
function parseTarget(url: string | undefined): URL | undefined {
	try {
		const address = new URL(url ?? '');
		return address.protocol === 'http:' ? address : undefined;
	} catch {
		return undefined;
	}
}

function forward(incoming: IncomingMessage, outgoing: ServerResponse, address: URL, counts: SmartfloTraffic): void {
	const path = address.pathname;
	counts.requests += 1;
	if (path === '/v1/auth/login') counts.loginAttempts += 1;
	else if (path === '/v1/auth/refresh') counts.refreshAttempts += 1;
	else if (path.startsWith('/v1/')) counts.apiRequests += 1;

	const {
		'proxy-connection': _connection,
		'proxy-authorization': _authorization,
		...headers
	} = { ...incoming.headers, host: address.host } as IncomingHttpHeaders;
	const upstream = httpRequest(address, { method: incoming.method, headers }, (response) => {
		const chunks: Buffer[] = [];
		response.on('data', (chunk: Buffer) => chunks.push(chunk));
		response.on('end', () => {
			const body = Buffer.concat(chunks);
			count(path, response.statusCode ?? 0, body, counts);
			outgoing.writeHead(response.statusCode ?? 502, response.headers);
			outgoing.end(body);
		});
	});
	upstream.on('error', () => outgoing.destroy());
	incoming.pipe(upstream);
}

function count(path: string, status: number, body: Buffer, counts: SmartfloTraffic): void {
	if (path === '/v1/auth/login') {
		if (issuedToken(body)) counts.logins += 1;
		return;
	}
	if (status === 401 || status === 403) counts.rejectedTokens += 1;
	else if (path === '/v1/auth/refresh' && issuedToken(body)) counts.refreshes += 1;
}

/** Smartflo's auth answers carry `access_token` when they issued one (the status alone does not tell). */
function issuedToken(body: Buffer): boolean {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as { success?: unknown; access_token?: unknown };
		return parsed.success !== false && typeof parsed.access_token === 'string' && parsed.access_token !== '';
	} catch {
		return false;
	}
}
