import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { freePort } from '../helpers/fake-server';
import { waitFor } from '../helpers/wait';

export interface RedisServer {
	/** redis://127.0.0.1:<port> */
	readonly url: string;
	/** 127.0.0.1: it listens on loopback only. */
	readonly host: string;
	readonly port: number;
	readonly pid: number | undefined;
	/** Kills the server at once (SIGKILL): an outage, not a shutdown. Without persistence its data is gone. */
	kill(): Promise<void>;
	/** Starts it again on the same port (empty). */
	restart(): Promise<void>;
	/** Stops it and removes its working directory. */
	stop(): Promise<void>;
}

const INSTALL_HINT = 'redis-server is not installed: the real-Redis tests need it (Debian: apt-get install -y redis-server).';
const START_TIMEOUT_MS = 10_000;
const HOST = '127.0.0.1';

/**
 * Debian's redis-server on a free loopback port, in the foreground, as a child of this process:
 * no daemon is left behind, and nothing is persisted (no RDB snapshot, no AOF) in a temporary
 * working directory that stop() removes. Fails, never skips, when redis-server is missing.
 */
export async function startRedisServer(): Promise<RedisServer> {
	const version = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
	if (version.error || version.status !== 0) throw new Error(INSTALL_HINT);
	const dir = mkdtempSync(join(tmpdir(), 'smartflo-redis-'));
	const port = await freePort();
	let child: ChildProcess | undefined;

	const launch = async () => {
		child = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				HOST,
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
				'--daemonize',
				'no',
				'--loglevel',
				'warning',
			],
			{ cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
		);
		let stderr = '';
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		await waitForPong(port, child, () => stderr);
	};
	const end = async (signal: NodeJS.Signals) => {
		const running = child;
		child = undefined;
		if (!running || running.exitCode !== null || running.signalCode !== null) return;
		const exited = once(running, 'exit');
		running.kill(signal);
		await exited;
	};

	await launch();
	return {
		url: `redis://${HOST}:${port}`,
		host: HOST,
		port,
		get pid() {
			return child?.pid;
		},
		kill: () => end('SIGKILL'),
		restart: async () => {
			await end('SIGKILL');
			await launch();
		},
		stop: async () => {
			await end('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export interface CommandWatch {
	/** The commands' names, lower case, in the order Redis ran them; EVALSHA shows as eval (either runs one script). */
	readonly commands: readonly string[];
	/** Resolves once Redis has run every command sent before this call (and the watch has seen them). */
	settled(): Promise<void>;
	stop(): void;
}

const SETTLED_MARKER = 'command-watch-settled';

/**
 * Every command the clients of `redis` send from now on, as MONITOR reports it, without PINGs, the
 * commands a Lua script runs (each script is one command: its EVAL or EVALSHA) and the watch's own:
 * one entry per round trip a client made. A command sent to a stopped Redis shows once it has run.
 */
export async function watchCommands(redis: RedisServer): Promise<CommandWatch> {
	const client = new Redis(redis.url);
	const monitor = await client.monitor();
	const commands: string[] = [];
	let markers = 0;
	const seen: Array<() => void> = [];
	monitor.on('monitor', (_time: string, args: string[], source: string) => {
		const name = args[0]?.toLowerCase() ?? '';
		if (name === 'echo' && args[1] === SETTLED_MARKER) {
			markers++;
			seen.splice(0).forEach((resolve) => resolve());
			return;
		}
		if (source !== 'lua' && name !== 'ping') commands.push(name === 'evalsha' ? 'eval' : name);
	});
	return {
		commands,
		settled: async () => {
			const expected = markers + 1;
			const marked = new Promise<void>((resolve) => seen.push(resolve));
			await client.echo(SETTLED_MARKER);
			while (markers < expected) await marked;
		},
		stop: () => {
			monitor.disconnect();
			client.disconnect();
		},
	};
}

/** PING over a raw socket until +PONG, the process exits, or the deadline passes (then it is killed). */
async function waitForPong(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
	const answered = async () => {
		if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr().trim()}`);
		return await pong(port);
	};
	try {
		await waitFor(answered, START_TIMEOUT_MS, `redis-server to answer PING on port ${port}`, 50);
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

function pong(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: HOST });
		const done = (answer: boolean) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(500, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}
