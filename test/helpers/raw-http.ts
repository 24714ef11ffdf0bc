import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawReply {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	/** Whether the request went over a keep-alive socket an earlier request had used. */
	reusedSocket: boolean;
}

export interface RawRequest {
	method?: string;
	/** Default /graphql. */
	path?: string;
	/** Sent exactly as given: no content-type is added when absent. */
	headers?: Record<string, string>;
	/** Sent with a Content-Length. */
	body?: string | Buffer;
	/** Sent one write each with `Transfer-Encoding: chunked` and no Content-Length. */
	chunks?: Array<string | Buffer>;
	/** Default: a fresh connection that is closed afterwards. */
	agent?: Agent;
}

/**
 * One HTTP request with full control over bytes and headers (fetch would fix the encoding, the
 * content type and the framing). Rejects when the connection fails or is reset.
 */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<RawReply> {
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(
			`${baseUrl}${request.path ?? '/graphql'}`,
			{ method: request.method ?? 'POST', headers: request.headers ?? {}, agent: request.agent ?? false },
			(response) => {
				const received: Buffer[] = [];
				response.on('data', (chunk: Buffer) => received.push(chunk));
				response.on('error', reject);
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						text: Buffer.concat(received).toString('utf8'),
						reusedSocket: outgoing.reusedSocket,
					}),
				);
			},
		);
		outgoing.on('error', reject);
		if (request.chunks) {
			for (const chunk of request.chunks) outgoing.write(chunk);
			outgoing.end();
		} else {
			outgoing.end(request.body);
		}
	});
}

/** Writes bytes on a bare TCP connection and collects whatever comes back until the server closes it. */
export function sendBytes(baseUrl: string, bytes: string | Buffer, timeoutMs = 5000): Promise<string> {
	const { hostname, port } = new URL(baseUrl);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname);
		const received: Buffer[] = [];
		socket.setTimeout(timeoutMs, () => socket.destroy(new Error('no answer')));
		socket.on('data', (chunk: Buffer) => received.push(chunk));
		socket.on('error', reject);
		socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
		socket.end(bytes);
	});
}

export function jsonBody(query: string, variables?: Record<string, unknown>): string {
	return JSON.stringify({ query, variables });
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
