import { spawn, type ChildProcess } from 'node:child_process';

import { waitFor } from '../helpers/wait';

const LOG_LIMIT_CHARS = 200_000;
const STOP_TIMEOUT_MS = 20_000;

export interface ManagedProcessStart {
	env: NodeJS.ProcessEnv;
	/** Called with each complete line the process prints (stdout and stderr). */
	onLine?: (line: string) => void;
}

/**
 * A server the e2e suites start as a child process: what it printed is kept (the tail, for failure
 * messages), and stop() ends it and everything it spawned. It runs in its own process group so that
 * helpers it starts (n8n's task runners) go with it.
 */
export class ManagedProcess {
	private child: ChildProcess | undefined;
	private output = '';

	constructor(readonly name: string) {}

	/** The tail of what the process printed. */
	get log(): string {
		return this.output;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	start(command: string, args: string[], { env, onLine }: ManagedProcessStart): void {
		if (this.running) throw new Error(`${this.name} is already running`);
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		this.child = child;
		child.once('error', (error) => this.keep(`\n[${this.name} could not start: ${error.message}]\n`));
		for (const stream of [child.stdout, child.stderr]) {
			let partial = '';
			stream?.on('data', (chunk: Buffer) => {
				const text = chunk.toString('utf8');
				this.keep(text);
				if (!onLine) return;
				const lines = (partial + text).split('\n');
				partial = lines.pop() ?? '';
				for (const line of lines) onLine(line);
			});
		}
	}

	/** Polls `check` until it holds; fails at once, with the process's last output, if the process exits. */
	async waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
		await waitFor(
			async () => {
				if (!this.running) throw new Error(`${this.name} exited before ${what}:\n${this.output.slice(-4000)}`);
				try {
					return await check();
				} catch {
					return false;
				}
			},
			timeoutMs,
			`${this.name}: ${what}`,
		);
	}

	/** SIGTERM, then SIGKILL to the whole group if it does not exit in time; what the process spawned is killed too. */
	async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
		const child = this.child;
		this.child = undefined;
		if (!child?.pid) return;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((done) => child.once('exit', () => done()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid as number), timeoutMs);
			await exited;
			clearTimeout(timer);
		}
		killGroup(child.pid);
	}

	private keep(text: string): void {
		this.output = (this.output + text).slice(-LOG_LIMIT_CHARS);
	}
}

/** SIGKILL to the process group the child leads; a group already gone is fine. */
function killGroup(pid: number): void {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}
