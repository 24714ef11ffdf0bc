import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { jwtExpiringIn } from './jwt';

export interface CountingUpstream {
	url: string;
	/** Login requests received so far. */
	logins(): number;
	/** TCP connections open right now. */
	openSockets(): number;
	/** Resolves when the n-th login request has arrived. */
	loginArrived(n?: number): Promise<void>;
	close(): Promise<void>;
}

/**
 * A Smartflo login endpoint that answers after `delayMs` (never when `hang`) and counts open sockets,
 * so a test can see in-flight requests finish and the client's keep-alive pool close.
 */
export async function startCountingUpstream(options: { delayMs?: number; hang?: boolean } = {}): Promise<CountingUpstream> {
	const sockets = new Set<Socket>();
	let logins = 0;
	const waiters: Array<{ n: number; resolve: () => void }> = [];
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			logins++;
			for (const waiter of waiters.filter((candidate) => candidate.n <= logins)) waiter.resolve();
			if (options.hang) return;
			setTimeout(() => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 }));
			}, options.delayMs ?? 0);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		logins: () => logins,
		openSockets: () => sockets.size,
		loginArrived: (n = 1) => (logins >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
		close: () => {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}
