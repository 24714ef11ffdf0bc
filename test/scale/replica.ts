import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

import { waitFor } from '../helpers/wait';

const repo = resolve(__dirname, '../..');
const OUT_DIR = join(repo, 'node_modules', '.cache', 'smartflo-scale');

/**
 * Compiles the GraphQL package's entry points (graphql/tsconfig.json) into node_modules/.cache, as
 * `npm run build` would into graphql/dist, and returns the path of the `smartflo-graphql` bin. The bin
 * loads its dependency smartflo-sandbox as installed (the workspace link to sandbox/), so the sandbox
 * package is built first, as `npm run build` builds it. Incremental: a second run recompiles only what
 * changed in the GraphQL package.
 */
export function buildGraphqlCli(): string {
	tsc(['-p', 'sandbox/tsconfig.json']);
	tsc([
		'-p',
		'graphql/tsconfig.json',
		'--outDir',
		OUT_DIR,
		'--declaration',
		'false',
		'--incremental',
		'--tsBuildInfoFile',
		join(OUT_DIR, 'graphql.tsbuildinfo'),
	]);
	return join(OUT_DIR, 'graphql', 'cli.js');
}

function tsc(args: string[]): void {
	const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd: repo, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`tsc ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

export type LogLine = Record<string, unknown>;

interface Output {
	lines: string[];
	stderr: string;
}

/** A `smartflo-graphql` process: the bin as deployed, configured through its environment. */
export class Replica {
	private constructor(
		readonly name: string,
		readonly url: string,
		private readonly child: ChildProcess,
		private readonly output: Output,
	) {}

	static async start(name: string, cli: string, env: Record<string, string>, timeoutMs = 15_000): Promise<Replica> {
		const child = spawn(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1', '--production'], {
			env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output: Output = { lines: [], stderr: '' };
		let partial = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			const parts = (partial + chunk.toString()).split('\n');
			partial = parts.pop() ?? '';
			output.lines.push(...parts);
		});
		child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
		const url = await new Promise<string>((resolveUrl, reject) => {
			const stopWaiting = () => {
				clearInterval(poll);
				clearTimeout(timer);
			};
			const timer = setTimeout(() => {
				stopWaiting();
				reject(new Error(`${name} did not listen within ${timeoutMs} ms: ${output.stderr}`));
			}, timeoutMs);
			const poll = setInterval(() => {
				const listening = output.lines.map(parseLine).find((line) => line?.msg === 'listening');
				if (!listening) return;
				stopWaiting();
				resolveUrl(String(listening.url).replace(/\/graphql$/, ''));
			}, 20);
			child.once('exit', (code) => {
				stopWaiting();
				reject(new Error(`${name} exited with code ${code} before listening: ${output.stderr}`));
			});
		});
		return new Replica(name, url, child, output);
	}

	/** Everything it printed on stdout (the banner and JSON log lines). */
	get lines(): readonly string[] {
		return this.output.lines;
	}

	get stderr(): string {
		return this.output.stderr;
	}

	/** JSON log lines so far. */
	logs(): LogLine[] {
		return this.output.lines.map(parseLine).filter((line): line is LogLine => line !== undefined);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** SIGTERM, as an orchestrator stops a replica; resolves with the exit code. */
	async stop(timeoutMs = 10_000): Promise<number | null> {
		if (!this.running) return this.child.exitCode;
		const exited = once(this.child, 'exit') as Promise<[number | null]>;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		const [code] = await exited;
		clearTimeout(timer);
		return code;
	}

	/** Resolves once GET /ready answers `status`. */
	async readyStatus(status: number, timeoutMs = 10_000): Promise<Response> {
		let response: Response | undefined;
		await waitFor(
			async () => {
				response = await fetch(`${this.url}/ready`);
				if (response.status === status) return true;
				await response.arrayBuffer();
				return false;
			},
			timeoutMs,
			() => `${this.name}: /ready to answer ${status} (it stayed ${response?.status})`,
			50,
		);
		return response as Response;
	}
}

function parseLine(line: string): LogLine | undefined {
	if (!line.startsWith('{')) return undefined;
	try {
		return JSON.parse(line) as LogLine;
	} catch {
		return undefined;
	}
}
