import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface UpstreamReply {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
	/** Path and query of the request. */
	path: string;
}

/** Return a replacement `{ status, body }`, or undefined to pass the reply through. */
export type ReplyRewrite = (reply: UpstreamReply) => { status: number; body: string } | undefined;

export interface RewritingProxy {
	url: string;
	/** Replies replaced so far. */
	rewritten: number;
	close(): Promise<void>;
}

/**
 * A reverse proxy in front of the sandbox that changes some of its replies, e.g. Smartflo answering
 * an expired token with 403 or with HTTP 200 and `success: false`, which the sandbox does not do.
 */
export async function startRewritingProxy(target: string, rewrite: ReplyRewrite): Promise<RewritingProxy> {
	const sockets = new Set<Socket>();
	const proxy: RewritingProxy = { url: '', rewritten: 0, close: async () => undefined };
	const server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const upstream = httpRequest(
				new URL(incoming.url ?? '/', target),
				{ method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
				(response) => {
					const parts: Buffer[] = [];
					response.on('data', (chunk: Buffer) => parts.push(chunk));
					response.on('end', () => {
						const reply: UpstreamReply = {
							status: response.statusCode ?? 502,
							headers: response.headers,
							body: Buffer.concat(parts).toString('utf8'),
							path: incoming.url ?? '/',
						};
						const replacement = rewrite(reply);
						if (replacement) proxy.rewritten += 1;
						const { status, body } = replacement ?? reply;
						outgoing.writeHead(status, { 'content-type': String(reply.headers['content-type'] ?? 'application/json') });
						outgoing.end(body);
					});
				},
			);
			upstream.on('error', () => outgoing.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	proxy.close = () => {
		for (const socket of sockets) socket.destroy();
		return new Promise((resolve) => server.close(() => resolve()));
	};
	return proxy;
}
