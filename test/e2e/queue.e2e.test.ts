import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type SandboxHandle, type SandboxStats } from '../../sandbox/index';
import { sandboxGet } from '../nodes/fixtures';
import { startCountingProxy, totalTraffic, trafficBetween, type CountingProxy, type SmartfloTraffic } from './counting-proxy';
import { packThisPackage } from './install-package';
import { runBounded } from './load';
import { installedN8n } from './n8n-process';
import type { N8nServer, PublicExecution } from './n8n-server';
import { startQueueCluster, type QueueCluster } from './queue-cluster';
import { createSandboxCredential } from './sandbox-credential';
import { usersWebhookWorkflow } from './trigger-workflows';

const N8N_VERSION = process.env.N8N_VERSION ?? 'default';
const WORKERS = 2;
const CONCURRENCY_PER_WORKER = 10;
const REQUESTS = 200;
const LOAD_CONCURRENCY = 20;
/** The sandbox expires every token when this many answers have come back. */
const EXPIRE_AFTER = REQUESTS / 2;
/** Enough for every user the sandbox seeds, in one page. */
const USER_PAGE = 100;

interface Answer {
	status: number;
	body: string;
}

interface WorkerRow {
	process: string;
	executions: number;
	initial: SmartfloTraffic;
	expiry: SmartfloTraffic;
}

describe(`n8n queue mode: main + ${WORKERS} workers, Postgres, Redis (${N8N_VERSION})`, () => {
	let workDir: string;
	let sandbox: SandboxHandle;
	let mainProxy: CountingProxy;
	const workerProxies: CountingProxy[] = [];
	let cluster: QueueCluster;
	const rows: WorkerRow[] = [];
	let listNote = '';

	beforeAll(async () => {
		const cacheDir = installedN8n();
		workDir = mkdtempSync(join(tmpdir(), 'smartflo-queue-e2e-'));
		sandbox = await startSandbox();
		// Each n8n process reaches the sandbox through a counting proxy of its own, so its traffic can be told apart.
		mainProxy = await startCountingProxy(sandbox.url);
		for (let index = 0; index < WORKERS; index++) workerProxies.push(await startCountingProxy(sandbox.url));
		const tarball = await packThisPackage(join(workDir, 'pack'));
		cluster = await startQueueCluster({
			cacheDir,
			workDir,
			tarball,
			workers: WORKERS,
			concurrencyPerWorker: CONCURRENCY_PER_WORKER,
			processEnv: (process) => ({ HTTP_PROXY: (process === 'main' ? mainProxy : workerProxies[process]).url }),
		});
	}, 15 * 60_000);

	afterAll(async () => {
		if (rows.length > 0)
			console.log(
				`n8n ${N8N_VERSION} queue mode, ${REQUESTS} webhook requests at concurrency ${LOAD_CONCURRENCY}, every token expired after ${EXPIRE_AFTER} answers:\n${table(rows)}\n  ${listNote}`,
			);
		try {
			await cluster?.stop();
		} finally {
			await Promise.all([mainProxy, ...workerProxies].map((proxy) => proxy?.close()));
			await sandbox?.close();
			if (workDir) rmSync(workDir, { recursive: true, force: true });
		}
	}, 5 * 60_000);

	it(
		`${REQUESTS} webhook requests at concurrency ${LOAD_CONCURRENCY}, every token expired halfway: all succeed, both workers run jobs, at most as many Smartflo logins per renewal wave as worker processes`,
		async () => {
			const { main, workers } = cluster;
			const credential = await createSandboxCredential(main, sandbox.url, 'Smartflo sandbox (queue mode)');
			const { workflow, productionUrl } = usersWebhookWorkflow('smartflo-e2e-queue-users', credential);
			const url = productionUrl(main.url);
			const workflowId = await main.createActiveWorkflow(workflow, url);
			const expectedUsers = await sandboxUserIds(sandbox);
			sandbox.resetStats();

			const proxies = [...workerProxies, mainProxy];
			let atExpiry: SmartfloTraffic[] = [];
			let sandboxAtExpiry = sandbox.stats();
			const answers = await runBounded<Answer>(
				REQUESTS,
				LOAD_CONCURRENCY,
				async (index) => {
					const response = await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ request: index }),
					});
					return { status: response.status, body: await response.text() };
				},
				(settled) => {
					if (settled !== EXPIRE_AFTER) return;
					atExpiry = proxies.map((proxy) => proxy.traffic());
					sandboxAtExpiry = sandbox.stats();
					sandbox.expireAllTokens();
				},
			);
			const listed = await main.settledExecutions(workflowId, 3_000, 180_000);
			const executions = await withUnlisted(
				main,
				listed,
				workers.flatMap((worker) => worker.executionIds),
			);
			const atEnd = proxies.map((proxy) => proxy.traffic());
			const names = [...workers.map((worker) => worker.name), 'main'];
			const executionCounts = [...workers.map((worker) => worker.executionIds.length), 0];
			names.forEach((name, index) =>
				rows.push({
					process: name,
					executions: executionCounts[index],
					initial: atExpiry[index],
					expiry: trafficBetween(atExpiry[index], atEnd[index]),
				}),
			);
			const stats = sandbox.stats();
			listNote =
				listed.length === executions.length
					? `n8n's execution list showed all ${listed.length} executions`
					: `n8n's execution list showed ${listed.length} of ${executions.length} executions; the others were read by id`;
			rows.push({
				process: "all (the sandbox's own counts)",
				executions: executions.length,
				initial: trafficOf(sandboxAtExpiry),
				expiry: trafficBetween(trafficOf(sandboxAtExpiry), trafficOf(stats)),
			});

			// Every request answered 200 with the sandbox's users, and n8n recorded every execution as a success.
			const failed = answers.filter((answer): answer is Error | Answer => answer instanceof Error || answer.status !== 200);
			expect(failed.slice(0, 3)).toEqual([]);
			for (const answer of answers as Answer[]) expect(userIds(answer.body)).toEqual(expectedUsers);
			expect(executions).toHaveLength(REQUESTS);
			const notSucceeded = executions.filter(
				(execution) => execution.status !== 'success' || execution.mode !== 'webhook' || execution.workflowId !== workflowId,
			);
			expect(notSucceeded.map((execution) => `${execution.id}: ${execution.status} ${execution.mode} ${execution.workflowId}`)).toEqual([]);

			// Both workers ran jobs; together, exactly the recorded executions, none twice.
			const byWorker = workers.map((worker) => worker.executionIds);
			expect(byWorker.map((ids) => ids.length > 0)).toEqual(workers.map(() => true));
			expect(byWorker.flat().sort()).toEqual(executions.map((execution) => execution.id).sort());

			// Every Smartflo request came from a worker, through its proxy: the proxies saw what the sandbox saw.
			const seen = totalTraffic(atEnd);
			expect(mainProxy.traffic().requests).toBe(0);
			expect({ ...seen, refused: 0 }).toEqual(trafficOf(stats));
			expect(stats.failedLogins).toBe(0);

			// The first wave (an empty token) and the expiry wave: at most one renewal per worker process each.
			const initial = totalTraffic(atExpiry);
			const expiry = trafficBetween(initial, seen);
			expect(initial.logins).toBeGreaterThanOrEqual(1);
			expect(initial.logins).toBeLessThanOrEqual(WORKERS);
			expect(initial.rejectedTokens).toBe(0);
			expect(expiry.rejectedTokens).toBeGreaterThanOrEqual(1);
			expect(expiry.logins + expiry.refreshes).toBeGreaterThanOrEqual(1);
			expect(expiry.logins + expiry.refreshes).toBeLessThanOrEqual(WORKERS);
		},
		15 * 60_000,
	);
});

/**
 * The listed executions and those the workers ran that the list leaves out, read one by one. n8n 1.x's
 * main process waits for each job with Bull's job.finished(), which never resolves for a job that was
 * completed and removed (removeOnComplete) before it asked (OptimalBits/bull#2504); such an execution
 * stays "active" in main's memory, and the public API's list hides active executions. Its record in the
 * database is complete, and reading it by id shows it.
 */
async function withUnlisted(main: N8nServer, listed: PublicExecution[], ranByWorkers: string[]): Promise<PublicExecution[]> {
	const listedIds = new Set(listed.map((execution) => execution.id));
	const unlisted = await Promise.all(ranByWorkers.filter((id) => !listedIds.has(id)).map((id) => main.execution(id)));
	return [...listed, ...unlisted].sort((a, b) => Number(a.id) - Number(b.id));
}

/** The sandbox's counters that a proxy counts too. */
function trafficOf(stats: SandboxStats): SmartfloTraffic {
	const { requests, loginAttempts, logins, refreshAttempts, refreshes, apiRequests, rejectedTokens } = stats;
	return { requests, loginAttempts, logins, refreshAttempts, refreshes, apiRequests, rejectedTokens, refused: 0 };
}

/** The ids of the sandbox's users, as User → Get Many outputs them, sorted. */
async function sandboxUserIds(sandbox: SandboxHandle): Promise<string[]> {
	const { data, has_more: hasMore } = (await sandboxGet(sandbox, `/v1/users?limit=${USER_PAGE}`)) as {
		data: Array<{ id: unknown }>;
		has_more: boolean;
	};
	if (hasMore) throw new Error(`the sandbox has more than ${USER_PAGE} users`);
	return data.map((user) => String(user.id)).sort();
}

/** The user ids in a Respond to Webhook answer (every item of User → Get Many), sorted. */
function userIds(body: string): string[] {
	const users = JSON.parse(body) as Array<{ id: unknown }>;
	return users.map((user) => String(user.id)).sort();
}

function table(rows: WorkerRow[]): string {
	const header = '| process | executions | logins (first wave + expiry wave) | refreshes | rejected tokens | API requests |';
	const lines = rows.map(({ process, executions, initial, expiry }) => {
		const all = totalTraffic([initial, expiry]);
		return `| ${process} | ${executions} | ${all.logins} (${initial.logins} + ${expiry.logins}) | ${all.refreshes} of ${all.refreshAttempts} tried | ${all.rejectedTokens} | ${all.apiRequests} |`;
	});
	const refused = rows
		.filter((row) => row.initial.refused + row.expiry.refused > 0)
		.map((row) => `${row.process}: ${row.initial.refused + row.expiry.refused}`);
	const notes = refused.length > 0 ? [`requests for other addresses, refused by the proxies: ${refused.join(', ')}`] : [];
	return [header, '|---|---|---|---|---|---|', ...lines, ...notes].map((line) => `  ${line}`).join('\n');
}
