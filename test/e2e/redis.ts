import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManagedProcess } from './managed-process';
import { freePort } from './n8n';

const READY_TIMEOUT_MS = 30_000;

export interface RedisServer {
	host: string;
	port: number;
	/** Stops the server and deletes its folder; safe to call twice. */
	stop(): Promise<void>;
}

/**
 * A throwaway Redis from the Debian package (`redis-server`): 127.0.0.1 and a free port only, nothing
 * persisted, its working folder temporary.
 */
export async function startRedis(): Promise<RedisServer> {
	const dir = mkdtempSync(join(tmpdir(), 'smartflo-e2e-redis-'));
	const port = await freePort();
	const redis = new ManagedProcess('redis-server');
	const server: RedisServer = {
		host: '127.0.0.1',
		port,
		stop: async () => {
			try {
				await redis.stop();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
	try {
		redis.start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir], {
			env: { PATH: process.env.PATH },
		});
		await redis.waitUntil(() => ping(port), READY_TIMEOUT_MS, 'Redis to answer PING (is the Debian package redis-server installed? .ci/run installs it)');
		return server;
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/** True when Redis answers PING with PONG. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => socket.destroy());
		socket.once('data', (reply) => {
			resolve(reply.toString('utf8').startsWith('+PONG'));
			socket.end();
		});
		socket.once('error', () => resolve(false));
		socket.once('close', () => resolve(false));
	});
}
