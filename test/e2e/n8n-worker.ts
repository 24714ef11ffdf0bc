import { freePort } from '../helpers/fake-server';
import { ManagedProcess } from './managed-process';
import { n8nBaseEnv, n8nNodesDir, READY_TIMEOUT_MS, startN8nProcess } from './n8n-process';

export interface N8nWorkerOptions {
	/** The folder install-n8n.sh installed n8n and Node into. */
	cacheDir: string;
	/** Its own N8N_USER_FOLDER (community packages, settings, event log), as each worker machine has. */
	userFolder: string;
	/** Jobs it runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	/** The queue-mode environment shared with the main process, and anything of its own. */
	env: Record<string, string>;
	/** A name for logs and reports. */
	name: string;
}

/** What a worker logs when it picks a job up, in n8n 1.x and 2.x: "Worker started execution 12 (job 7)". */
const STARTED_EXECUTION = /Worker started execution (\d+) \(job [^)]+\)/;

/**
 * One `n8n worker` of a queue-mode setup: it takes jobs from Redis and runs them against the shared
 * database. Its health server (off by default, and on n8n's main port 5678 when on) is switched on, on
 * a port of its own, so readiness can be awaited; its task-runner broker gets a port of its own too.
 */
export class N8nWorker {
	private readonly process: ManagedProcess;
	private readonly started: string[] = [];

	private constructor(
		private readonly options: N8nWorkerOptions,
		readonly healthPort: number,
		private readonly brokerPort: number,
	) {
		this.process = new ManagedProcess(options.name);
	}

	static async create(options: N8nWorkerOptions): Promise<N8nWorker> {
		n8nNodesDir(options.userFolder);
		return new N8nWorker(options, await freePort(), await freePort());
	}

	get name(): string {
		return this.options.name;
	}

	get nodesDir(): string {
		return n8nNodesDir(this.options.userFolder);
	}

	/** What the worker printed lately (for failure messages). */
	get log(): string {
		return this.process.log;
	}

	/** The ids of the executions this worker started, in the order it logged them. */
	get executionIds(): readonly string[] {
		return this.started;
	}

	get env(): NodeJS.ProcessEnv {
		return {
			...n8nBaseEnv(this.options.cacheDir, this.options.userFolder),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			...this.options.env,
		};
	}

	/** Starts `n8n worker` and waits until its readiness check (database and Redis reachable) answers 200. */
	async start(): Promise<void> {
		startN8nProcess(this.process, this.options.cacheDir, ['worker', `--concurrency=${this.options.concurrency}`], this.env, (line) => {
			const started = STARTED_EXECUTION.exec(line);
			if (started) this.started.push(started[1]);
		});
		await this.process.waitUntil(
			async () => (await fetch(`http://127.0.0.1:${this.healthPort}/healthz/readiness`)).status === 200,
			READY_TIMEOUT_MS,
			'the worker to be ready',
		);
	}

	async stop(): Promise<void> {
		await this.process.stop();
	}
}
