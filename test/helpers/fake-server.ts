import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	at: number;
}

/** A body of `bytes` bytes written chunk by chunk as the client takes them, never held whole. */
export interface StreamedBody {
	bytes: number;
	/** Default 64 KiB. */
	chunkBytes?: number;
	/** Called after each chunk is handed to the socket, with the body bytes sent so far. */
	onChunk?: (sentBytes: number) => void;
	/** Send the bytes, then neither more nor the end: a body that stops coming. */
	stall?: boolean;
}

export type FakeReply =
	| { status: number; headers?: Record<string, string>; body?: string | object }
	| { status: number; headers?: Record<string, string>; stream: StreamedBody }
	| { drop: true }
	| { hang: true };

export type FakeHandler = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
	url: string;
	requests: RecordedRequest[];
	/** TCP connections accepted so far. */
	connections(): number;
	/** Bytes of streamed bodies handed to the sockets so far: at least what the clients received. */
	streamedBytes(): number;
	reply(handler: FakeHandler): void;
	close(): Promise<void>;
}

/** A scripted HTTP server for answers Smartflo might give that the sandbox does not model. */
export async function startFakeServer(handler: FakeHandler = () => ({ status: 404, body: {} })): Promise<FakeServer> {
	let current = handler;
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	let connectionCount = 0;
	let streamed = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			requests.push(recorded);
			const reply = await current(recorded, requests.length - 1);
			if ('drop' in reply) {
				req.socket.destroy();
				return;
			}
			if ('hang' in reply) return;
			if ('stream' in reply) {
				res.writeHead(reply.status, { 'content-type': 'application/octet-stream', ...reply.headers });
				await writeStreamed(res, reply.stream, (bytes) => (streamed += bytes));
				return;
			}
			const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
			res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
			res.end(body);
		});
	});
	server.on('connection', (socket) => {
		connectionCount++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		connections: () => connectionCount,
		streamedBytes: () => streamed,
		reply(next) {
			current = next;
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

async function writeStreamed(res: ServerResponse, body: StreamedBody, count: (bytes: number) => void): Promise<void> {
	const chunkBytes = body.chunkBytes ?? 64 * 1024;
	const chunk = Buffer.alloc(chunkBytes, 0x55);
	let sent = 0;
	while (sent < body.bytes && !res.destroyed) {
		const size = Math.min(chunkBytes, body.bytes - sent);
		const flowing = res.write(size === chunkBytes ? chunk : chunk.subarray(0, size));
		sent += size;
		count(size);
		body.onChunk?.(sent);
		if (!flowing) await drainedOrClosed(res);
	}
	if (!res.destroyed && !body.stall) res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** A loopback TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createNetServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export async function closedPortUrl(): Promise<string> {
	return `http://127.0.0.1:${await freePort()}`;
}
