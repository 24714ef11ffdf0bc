import { freePort } from '../helpers/fake-server';
import { sleep, waitFor } from '../helpers/wait';
import { ManagedProcess } from './managed-process';
import { n8nBaseEnv, n8nNodesDir, READY_TIMEOUT_MS, startN8nProcess } from './n8n-process';

/**
 * One real n8n running `n8n start` headless on loopback, driven the way an operator does it: owner
 * setup, an API key, workflows created and activated through the public API, production webhooks
 * called over HTTP, executions read back through the public API. One at a time: it takes ~1.5 GB.
 * In queue mode it is the main process; `N8nWorker` (n8n-worker.ts) runs the workers beside it.
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
export class N8nServer {
	private readonly process = new ManagedProcess('n8n main');
	private cookie = '';
	private apiKey = '';

	private constructor(
		private readonly options: N8nServerOptions,
		readonly port: number,
		private readonly brokerPort: number,
	) {}

	/** A server on free loopback ports; call start(). */
	static async create(options: N8nServerOptions): Promise<N8nServer> {
		n8nNodesDir(options.userFolder);
		return new N8nServer(options, await freePort(), await freePort());
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get nodesDir(): string {
		return n8nNodesDir(this.options.userFolder);
	}

	/** What n8n printed lately (for failure messages). */
	get log(): string {
		return this.process.log;
	}

	/** The environment n8n runs with. */
	get env(): NodeJS.ProcessEnv {
		return {
			...n8nBaseEnv(this.options.cacheDir, this.options.userFolder),
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			EXECUTIONS_MODE: 'regular',
			...this.options.env,
		};
	}

	/** Starts `n8n start` and waits until it is ready and an owner and an API key exist. */
	async start(): Promise<void> {
		startN8nProcess(this.process, this.options.cacheDir, ['start'], this.env);
		// Readiness comes before the REST API's routes are mounted: wait for both.
		await this.process.waitUntil(
			async () =>
				(await fetch(`${this.url}/healthz/readiness`)).status === 200 && (await fetch(`${this.url}/rest/settings`)).status === 200,
			READY_TIMEOUT_MS,
			'n8n to be ready',
		);
		await this.signIn();
		if (this.apiKey === '') this.apiKey = await this.createApiKey();
	}

	/** SIGTERM, then SIGKILL if n8n does not exit in time. */
	async stop(): Promise<void> {
		this.cookie = '';
		await this.process.stop();
	}

	/** A request to the public API (`/api/v1…`) with the API key. */
	async api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
		const response = await fetch(`${this.url}/api/v1${path}`, {
			method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
			headers: {
				'X-N8N-API-KEY': this.apiKey,
				Accept: 'application/json',
				...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n public API ${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (text === '' ? undefined : JSON.parse(text)) as T;
	}

	/** Creates a workflow and activates (publishes) it; resolves when its production webhook answers. */
	async createActiveWorkflow(
		workflow: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown },
		probeUrl?: string,
	): Promise<string> {
		const created = await this.api<{ id: string }>('/workflows', { body: { settings: { executionOrder: 'v1' }, ...workflow } });
		await this.api(`/workflows/${created.id}/activate`, { method: 'POST' });
		if (probeUrl) await this.waitForWebhook(probeUrl);
		return created.id;
	}

	/**
	 * Resolves once n8n serves a production webhook at `url`. A CORS preflight asks without running the
	 * workflow: n8n answers it 404 while no webhook is registered at the path and 204 once one is.
	 */
	async waitForWebhook(url: string, timeoutMs = 30_000): Promise<void> {
		const preflight = { method: 'OPTIONS', headers: { Origin: this.url, 'Access-Control-Request-Method': 'POST' } };
		await waitFor(async () => (await fetch(url, preflight)).status === 204, timeoutMs, `webhook ${url} to be registered`);
	}

	/**
	 * What n8n recorded about a workflow's failed activation, as the editor shows it: its activation error
	 * (1.x, and 2.x for a trigger that failed later), else the failed triggers of its publication (2.x with the
	 * publication service); null when there is none.
	 */
	async activationError(workflowId: string): Promise<string | null> {
		const recorded = await this.rest(`/rest/active-workflows/error/${workflowId}`, undefined, 'GET');
		if (!recorded.ok) throw new Error(`n8n activation error of ${workflowId}: HTTP ${recorded.status} ${recorded.text.slice(0, 300)}`);
		const { data: error } = JSON.parse(recorded.text) as { data?: unknown };
		if (typeof error === 'string' && error !== '') return error;
		const publication = await this.rest(`/rest/workflows/${workflowId}/publication-status`, undefined, 'GET');
		if (!publication.ok) return null;
		const { data } = JSON.parse(publication.text) as { data?: { triggers?: Array<{ status: string; errorMessage: string | null }> } };
		const failed = (data?.triggers ?? []).filter((trigger) => trigger.status === 'failed').map((trigger) => trigger.errorMessage ?? '');
		return failed.length > 0 ? failed.join('; ') : null;
	}

	async workflow(id: string): Promise<PublicWorkflow> {
		return await this.api<PublicWorkflow>(`/workflows/${id}`);
	}

	/** One execution, by id, without its data. */
	async execution(id: string): Promise<PublicExecution> {
		return await this.api<PublicExecution>(`/executions/${id}`);
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
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json',
				...(this.cookie ? { Cookie: this.cookie } : {}),
				'browser-id': 'smartflo-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		return { ok: response.ok, status: response.status, text: await response.text() };
	}
}
