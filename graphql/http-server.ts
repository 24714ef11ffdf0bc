import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './options';
import type { GraphQLServer } from './server';

export interface ListenOptions {
	/** 0 = any free port. */
	port: number;
	host: string;
	/** After SIGTERM, how long readiness answers 503 while requests are still accepted (default 0). */
	drainDelayMs?: number;
	/** How long in-flight requests may take to finish once the server stops accepting (default 10000). */
	shutdownTimeoutMs?: number;
}

export interface RunningServer {
	/** e.g. http://127.0.0.1:4000 */
	url: string;
	server: Server;
	/**
	 * Readiness 503, optional drain delay, stop accepting, wait for in-flight requests up to the
	 * deadline (then cut them), dispose yoga and close the upstream pool. Idempotent.
	 */
	shutdown(): Promise<void>;
}

/** Serves `graphql` on node:http with keep-alive and a graceful shutdown. */
export async function listen(graphql: GraphQLServer, options: ListenOptions): Promise<RunningServer> {
	let inFlight = 0;
	let idle: (() => void) | undefined;
	const server = createServer((req, res) => {
		inFlight++;
		res.once('close', () => {
			inFlight--;
			if (inFlight === 0) idle?.();
		});
		closeConnectionWhenDone(req, res, graphql);
		graphql.requestListener(req, res);
	});
	// Slow clients cannot hold a connection open forever while sending headers or a body.
	server.headersTimeout = 10_000;
	server.requestTimeout = 30_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host.includes(':') ? `[${options.host}]` : options.host;

	let shuttingDown: Promise<void> | undefined;
	const shutdown = () => {
		shuttingDown ??= (async () => {
			graphql.beginShutdown();
			if (options.drainDelayMs) await delay(options.drainDelayMs);
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
			const onTime = await Promise.race([
				drained.then(() => true),
				delay(options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS).then(() => false),
			]);
			// Sockets of requests that just finished are idle now; those still busy at the deadline are cut.
			if (onTime) server.closeIdleConnections();
			else server.closeAllConnections();
			await closed;
			await graphql.dispose();
		})();
		return shuttingDown;
	};

	return { url: `http://${host}:${port}`, server, shutdown };
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Decided when the answer's headers are written, not when the request arrives, so that requests
 * already in flight at SIGTERM are answered `Connection: close` too (a closing server tells
 * keep-alive clients not to reuse the connection). Also: yoga answers an oversized body (413)
 * without reading it to the end. The unread rest stays on the socket, where Node would parse it as
 * the next request of a keep-alive connection: such an answer closes the connection instead.
 */
function closeConnectionWhenDone(req: IncomingMessage, res: ServerResponse, graphql: Pick<GraphQLServer, 'isShuttingDown'>): void {
	const writeHead = res.writeHead;
	res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
		if (!req.complete || graphql.isShuttingDown()) this.shouldKeepAlive = false;
		return writeHead.apply(this, args);
	} as ServerResponse['writeHead'];
}
