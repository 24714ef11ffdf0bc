import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_ACCOUNT, startSandbox, type PlayCallOptions, type SandboxHandle } from '../../sandbox/index';
import { sleep, waitFor } from '../helpers/wait';
import { installLikeN8n, packThisPackage } from './install-package';
import { installedN8n } from './n8n-process';
import { N8nServer, type PublicExecution } from './n8n-server';
import { createSandboxCredential, type CredentialReference } from './sandbox-credential';

const N8N_VERSION = process.env.N8N_VERSION ?? 'default';
const TRIGGER_NODE = 'Smartflo Call Record Trigger';
const POLL_SECONDS = 5;
/**
 * The shortest polling n8n allows: it refuses a cron whose seconds field is not one number ("at least a
 * minute"), but takes several poll times, so twelve minutely crons at seconds 0, 5, … 55 poll every 5 s.
 */
const EVERY_5_SECONDS = {
	item: Array.from({ length: 60 / POLL_SECONDS }, (_, index) => ({ mode: 'custom', cronExpression: `${index * POLL_SECONDS} * * * * *` })),
};

/** One polling workflow, its own sandbox (so the sandbox's counters are its polls), and what it should emit. */
interface Scenario {
	label: string;
	sandbox: SandboxHandle;
	credential: CredentialReference;
	workflowId: string;
	/** Calls played after activation that the trigger must emit. */
	expected: string[];
	/** Calls it must not emit: before activation, filtered out, or later than the late-records window. */
	unexpected: string[];
	/** Late calls (started before the poll that preceded their record) inside the window, and beyond it. */
	late: string[];
	tooLate: string[];
}

/** Smartflo Call Record Trigger → No Operation. */
function pollingWorkflow(name: string, credential: CredentialReference, parameters: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER_NODE,
				type: 'n8n-nodes-smartflo.smartfloCallRecordTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: EVERY_5_SECONDS, ...parameters },
				credentials: { smartfloApi: credential },
			},
			{ id: randomUUID(), name: 'Record', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
	};
}

/** The records the trigger emitted, execution by execution, oldest first. */
function emittedRecords(executions: PublicExecution[]): Array<Record<string, unknown>> {
	return executions.flatMap(
		(execution) => execution.data?.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [],
	);
}

const polls = (scenario: Scenario) => scenario.sandbox.stats().byPath['GET /v1/call/records'] ?? 0;

describe(`Smartflo Call Record Trigger inside a real n8n (${N8N_VERSION})`, () => {
	let n8n: N8nServer;
	let workDir: string;
	const scenarios: Scenario[] = [];
	const report: string[] = [];
	const cleanups: Array<() => Promise<void>> = [];

	beforeAll(async () => {
		const cacheDir = installedN8n();
		workDir = mkdtempSync(join(tmpdir(), 'smartflo-polling-e2e-'));
		n8n = await N8nServer.create({ cacheDir, userFolder: join(workDir, 'user') });
		await installLikeN8n(await packThisPackage(join(workDir, 'pack')), n8n.nodesDir, process.env);
		await n8n.start();
	}, 15 * 60_000);

	afterAll(async () => {
		console.log(`Smartflo Call Record Trigger e2e on n8n ${N8N_VERSION}:\n${report.map((line) => `  ${line}`).join('\n')}`);
		await n8n?.stop();
		for (const scenario of scenarios) await scenario.sandbox.close();
		for (const cleanup of cleanups) await cleanup();
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	const play = async (scenario: Scenario, options: PlayCallOptions, as: 'expected' | 'unexpected' | 'late' | 'tooLate') => {
		const { callId } = await scenario.sandbox.playCall(options);
		if (as === 'late') scenario.late.push(callId);
		if (as === 'tooLate') scenario.tooLate.push(callId);
		(as === 'late' || as === 'expected' ? scenario.expected : scenario.unexpected).push(callId);
		return callId;
	};
	const emitted = async (scenario: Scenario) => emittedRecords(await n8n.executions(scenario.workflowId));
	/** Waits until every expected call has been emitted, then for a few more polls (which must emit nothing new). */
	async function settle(scenario: Scenario): Promise<void> {
		await waitFor(
			async () => {
				const ids = new Set((await emitted(scenario)).map((record) => record.call_id));
				return scenario.expected.every((id) => ids.has(id));
			},
			90_000,
			`${scenario.label} to emit ${scenario.expected.length} calls`,
		);
		const pollsBefore = polls(scenario);
		await waitFor(async () => polls(scenario) >= pollsBefore + 3, 60_000, `${scenario.label} to poll 3 more times`);
		await n8n.settledExecutions(scenario.workflowId);
	}

	it('1. activation polls once and emits nothing: neither seeded records nor calls that ended before it', async () => {
		for (const [label, parameters] of [
			['New Call Record, default options', { event: 'newCallRecord' }],
			[
				'New Missed Call, inbound, Max Records per Poll 3',
				{ event: 'newMissedCall', filters: { direction: 'inbound' }, options: { maxRecordsPerPoll: 3 } },
			],
		] as const) {
			const sandbox = await startSandbox({ seed: { users: 4, callRecords: 300, liveCalls: 0 } });
			const credential = await createSandboxCredential(n8n, sandbox.url, `Smartflo sandbox for ${label}`);
			const scenario: Scenario = { label, sandbox, credential, workflowId: '', expected: [], unexpected: [], late: [], tooLate: [] };
			scenarios.push(scenario);
			// Calls that end before activation (four missed ones: more than the second trigger's first poll reads).
			for (let index = 0; index < 4; index++) await play(scenario, { outcome: 'missed', kind: 'inbound' }, 'unexpected');
			sandbox.resetStats();
			scenario.workflowId = await n8n.createActiveWorkflow(pollingWorkflow(`Smartflo e2e: ${label}`, credential, parameters));
			await waitFor(
				async () => polls(scenario) >= 1,
				30_000,
				() => `${label} to poll at activation; n8n said: ${n8n.log.slice(-3000)}`,
			);
		}
		const intervals: string[] = [];
		for (const scenario of scenarios) {
			// Each poll is one request here (fewer records than a page): the sandbox's count is the number of polls.
			const before = polls(scenario);
			await waitFor(async () => polls(scenario) >= before + 1, 30_000, `${scenario.label} to poll`);
			const startedAt = Date.now();
			await waitFor(async () => polls(scenario) >= before + 4, 60_000, `${scenario.label} to poll 3 more times`);
			const seconds = (Date.now() - startedAt) / 3000;
			intervals.push(seconds.toFixed(1));
			expect(seconds).toBeLessThan(POLL_SECONDS * 2);
			expect(await n8n.executions(scenario.workflowId)).toEqual([]);
		}
		report.push(
			`1 activation: ${scenarios.map((scenario) => `${scenario.label}: ${polls(scenario)} polls, 0 executions`).join('; ')}; measured poll interval ${intervals.join(' s, ')} s`,
		);
	});

	it('2. calls that end: each record once, in its own execution per poll; events and filters hold', async () => {
		const [all, missed] = scenarios;
		await play(all, { kind: 'inbound', outcome: 'answered' }, 'expected');
		await play(all, { kind: 'inbound', outcome: 'missed' }, 'expected');
		await play(all, { kind: 'clickToCall', outcome: 'answered' }, 'expected');
		await play(all, { kind: 'clickToCallSupport', outcome: 'answered', recorded: false }, 'expected');
		// Seven missed calls a second apart (more than one poll reads), two answered ones and an outbound miss.
		for (let ago = 7; ago >= 1; ago--) await play(missed, { kind: 'inbound', outcome: 'missed', startedSecondsAgo: ago }, 'expected');
		await play(missed, { kind: 'inbound', outcome: 'answered' }, 'unexpected');
		await play(missed, { kind: 'dialer', outcome: 'answered' }, 'unexpected');
		await play(missed, { kind: 'clickToCall', outcome: 'missed' }, 'unexpected');
		for (const scenario of scenarios) await settle(scenario);

		const executions = await n8n.executions(all.workflowId);
		expect(executions.every((execution) => execution.mode === 'trigger' && execution.status === 'success')).toBe(true);
		const records = await emitted(missed);
		expect(records.every((record) => record.status === 'missed' && record.direction === 'inbound')).toBe(true);
		report.push(`2 new calls: ${scenarios.map((scenario) => `${scenario.label}: ${scenario.expected.length} expected`).join('; ')}`);
	});

	it('3. late records: one that started before the last poll is caught once; one later than the window is not', async () => {
		const [all, missed] = scenarios;
		await play(all, { outcome: 'answered', startedSecondsAgo: 180 }, 'late');
		await play(all, { outcome: 'missed', startedSecondsAgo: 90 * 60 }, 'tooLate');
		await play(missed, { kind: 'inbound', outcome: 'missed', startedSecondsAgo: 4 * POLL_SECONDS }, 'late');
		for (const scenario of scenarios) await settle(scenario);
		report.push(
			'3 late: records that started 180 s and 20 s before they appeared (before the previous poll; polls every 5 s), and one 90 minutes before (beyond the 60-minute window)',
		);
	});

	it('4. an n8n restart: calls that ended while it was down are emitted at reactivation, nothing twice', async () => {
		const [all, missed] = scenarios;
		await n8n.stop();
		await play(all, { outcome: 'answered' }, 'expected');
		await play(all, { outcome: 'missed' }, 'expected');
		await play(missed, { kind: 'inbound', outcome: 'missed' }, 'expected');
		await sleep(1000);
		await n8n.start();
		for (const scenario of scenarios) await settle(scenario);
		report.push('4 restart: 3 calls while n8n was stopped');
	});

	it('5. the counts: every expected record once, 0 duplicates, nothing unexpected', async () => {
		report.push(
			'| workflow | polls | executions | records emitted | expected | duplicates | unexpected emitted | late caught | beyond the window caught |',
		);
		report.push('|---|---|---|---|---|---|---|---|---|');
		for (const scenario of scenarios) {
			const executions = await n8n.executions(scenario.workflowId);
			const ids = emittedRecords(executions).map((record) => String(record.call_id));
			const distinct = new Set(ids);
			const duplicates = ids.length - distinct.size;
			const lateCaught = scenario.late.filter((id) => distinct.has(id)).length;
			const tooLateCaught = scenario.tooLate.filter((id) => distinct.has(id)).length;
			const unexpected = scenario.unexpected.filter((id) => distinct.has(id)).length;
			report.push(
				`| ${scenario.label} | ${polls(scenario)} | ${executions.length} | ${ids.length} | ${scenario.expected.length} | ${duplicates} | ${unexpected} | ${lateCaught} of ${scenario.late.length} | ${tooLateCaught} of ${scenario.tooLate.length} |`,
			);
			expect(duplicates).toBe(0);
			expect([...distinct].sort()).toEqual([...scenario.expected].sort());
			expect(unexpected).toBe(0);
			expect(lateCaught).toBe(scenario.late.length);
			expect(tooLateCaught).toBe(0);
		}
	});

	it('6. a wrong password: the activation poll fails with the login’s message (1.x refuses the activation, 2.x marks the publication failed), nothing runs', async () => {
		const sandbox = await startSandbox({ seed: { callRecords: 0, liveCalls: 0 } });
		cleanups.push(() => sandbox.close());
		const wrong = await n8n.api<CredentialReference>('/credentials', {
			body: {
				name: 'Smartflo sandbox with a wrong password',
				type: 'smartfloApi',
				data: {
					authMode: 'password',
					email: DEMO_ACCOUNT.email,
					password: 'Wrong-e2e-Pa55!',
					apiToken: '',
					baseUrl: sandbox.url,
					allowedHttpRequestDomains: 'all',
				},
			},
		});
		const workflow = pollingWorkflow('Smartflo e2e: wrong password', { id: wrong.id, name: wrong.name }, { event: 'newCallRecord' });
		let outcome = '';
		const id = await n8n.createActiveWorkflow(workflow).then(
			(created) => created,
			(error: Error) => {
				expect(error.message).toMatch(/Wrong email or password/);
				outcome = `activation refused: ${/Wrong email or password[^"\\]*/.exec(error.message)?.[0]}`;
				return undefined;
			},
		);
		if (id !== undefined) {
			await waitFor(
				async () => (await n8n.activationError(id)) !== null,
				90_000,
				() => `n8n to record the activation error; n8n said: ${n8n.log.slice(-4000)}`,
			);
			const message = (await n8n.activationError(id)) as string;
			expect(message).toMatch(/Wrong email or password/);
			expect(await n8n.executions(id)).toEqual([]);
			outcome = `published, activation error recorded: ${message}`;
			await n8n.api(`/workflows/${id}/deactivate`, { method: 'POST' });
		}
		report.push(`6 wrong password: ${outcome}`);
	});
});
