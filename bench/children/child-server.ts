import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import type { ChildMessage, MemorySnapshot, ParentMessage } from './protocol';

export interface ChildServerOptions {
	/** Node flags for the child, e.g. --cpu-prof. */
	execArgv?: string[];
	startTimeoutMs?: number;
}

export interface Snapshot {
	memory: MemorySnapshot;
	state?: Record<string, number>;
}

/** Parent side of a server running in its own process, so that its CPU and memory are its own. */
export class ChildServer {
	#nextId = 0;

	private constructor(
		readonly name: string,
		readonly url: string,
		private readonly child: ChildProcess,
	) {}

	/** Starts `children/<entry>.js` with `options` and waits until it listens. */
	static async start(
		entry: string,
		options: object,
		{ execArgv = [], startTimeoutMs = 30_000 }: ChildServerOptions = {},
	): Promise<ChildServer> {
		const child = fork(join(__dirname, `${entry}.js`), [JSON.stringify(options)], {
			execArgv: ['--expose-gc', ...execArgv],
			// Logs go nowhere: formatting them stays in the measurement, printing them to a terminal does not.
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		});
		const ready = new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`${entry} did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
			child.on('message', (message: ChildMessage) => {
				if (message.type !== 'ready') return;
				clearTimeout(timer);
				resolve(message.url);
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`${entry} exited with code ${code} before it was ready`));
			});
		});
		return new ChildServer(entry, await ready, child);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Memory (after a full GC unless `gc` is false, e.g. while under load) and the child's own state numbers. */
	async snapshot({ gc = true }: { gc?: boolean } = {}): Promise<Snapshot> {
		const id = this.#nextId++;
		const answer = new Promise<Snapshot>((resolve) => {
			const listener = (message: ChildMessage) => {
				if (message.type !== 'snapshot' || message.id !== id) return;
				this.child.off('message', listener);
				resolve({ memory: message.memory, state: message.state });
			};
			this.child.on('message', listener);
		});
		this.#send({ type: 'snapshot', id, gc });
		return answer;
	}

	/** Asks the child to shut down gracefully; kills it if it has not exited within the timeout. */
	async stop(timeoutMs = 15_000): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = once(this.child, 'exit');
		this.#send({ type: 'stop' });
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		await exited;
		clearTimeout(timer);
	}

	#send(message: ParentMessage): void {
		this.child.send(message);
	}
}
