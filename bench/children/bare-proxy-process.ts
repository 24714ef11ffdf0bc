import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Pool } from 'undici';

import { childOptions, serveParent } from './protocol';

export interface BareProxyOptions {
	upstreamUrl: string;
}

/**
 * The baseline a user would compare the facade with: node:http in front of an undici Pool, passing
 * the request through unchanged. Same pool size as the facade's default transport.
 */
async function main(): Promise<void> {
	const { upstreamUrl } = childOptions<BareProxyOptions>();
	const pool = new Pool(upstreamUrl, { connections: 16, keepAliveTimeout: 30_000 });
	const server = createServer(async (req, res) => {
		try {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const upstream = await pool.request({
				path: req.url ?? '/',
				method: (req.method ?? 'GET') as 'GET' | 'POST',
				headers: { accept: 'application/json', 'content-type': req.headers['content-type'] ?? 'application/json' },
				body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
			});
			const body = Buffer.from(await upstream.body.arrayBuffer());
			res.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') });
			res.end(body);
		} catch {
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end('{"message":"Bad gateway"}');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	serveParent(`http://127.0.0.1:${port}`, {
		stop: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await pool.close();
		},
	});
}

void main();
