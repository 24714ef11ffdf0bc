import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type PlayedCall, type SandboxHandle } from '../../sandbox/index';
import { SMARTFLO_TRIGGERS } from '../../src/webhooks';
import { firstUser } from '../nodes/fixtures';
import { installLikeN8n, packThisPackage } from './install-package';
import { installedN8n } from './n8n-process';
import { N8nServer, type PublicExecution } from './n8n-server';
import { createSandboxCredential } from './sandbox-credential';
import { clickToCallWorkflow, TRIGGER_NODE, triggerWorkflow } from './trigger-workflows';

const SECRET = 'e2e-trigger-secret-7f3a9c';
const N8N_VERSION = process.env.N8N_VERSION ?? 'default';

/** The items the Smartflo Trigger produced in each execution, oldest execution first. */
function triggerItems(executions: PublicExecution[]): Array<Record<string, unknown>> {
	return executions.flatMap(
		(execution) => execution.data?.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [],
	);
}

/** `event call_id` of each first delivery of the calls, sorted: what the executions must match exactly. */
function firstDeliveries(calls: PlayedCall[]): string[] {
	return calls
		.flatMap((call) => call.deliveries.filter((delivery) => delivery.copy === 1).map((delivery) => `${delivery.trigger} ${call.callId}`))
		.sort();
}

describe(`Smartflo Trigger inside a real n8n (${N8N_VERSION})`, () => {
	let sandbox: SandboxHandle;
	let n8n: N8nServer;
	let workDir: string;
	const report: string[] = [];

	beforeAll(async () => {
		const cacheDir = installedN8n();
		workDir = mkdtempSync(join(tmpdir(), 'smartflo-trigger-e2e-'));
		sandbox = await startSandbox();
		n8n = await N8nServer.create({ cacheDir, userFolder: join(workDir, 'user') });
		await installLikeN8n(await packThisPackage(join(workDir, 'pack')), n8n.nodesDir, process.env);
		await n8n.start();
	}, 15 * 60_000);

	afterAll(async () => {
		console.log(`Smartflo Trigger e2e on n8n ${N8N_VERSION}:\n${report.map((line) => `  ${line}`).join('\n')}`);
		await n8n?.stop();
		await sandbox?.close();
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	afterEach(() => {
		sandbox.clearWebhooks();
		sandbox.resetWebhookStats();
	});

	/** Registers the webhook for every trigger the way a user pastes it: one per trigger, same URL. */
	function pasteIntoSmartflo(url: string, options: { method?: 'GET' | 'POST'; encoding?: 'json' | 'form'; triggers?: string[] } = {}) {
		const triggers = options.triggers ?? SMARTFLO_TRIGGERS.map((trigger) => trigger.name);
		for (const trigger of triggers) sandbox.registerWebhook({ url, trigger, method: options.method, encoding: options.encoding });
	}

	it('1. call lifecycles with duplicates, out-of-order and every payload quirk: the executions are exactly the deduplicated events', async () => {
		const { workflow, productionUrl } = triggerWorkflow('Smartflo e2e: every event', { events: ['*'], secret: SECRET });
		const url = productionUrl(n8n.url);
		const workflowId = await n8n.createActiveWorkflow(workflow, url);
		pasteIntoSmartflo(`${url}?secret=${SECRET}`);
		const calls = [
			await sandbox.playCall({ kind: 'inbound', outcome: 'answered', digits: '12', quirks: { duplicates: true } }),
			await sandbox.playCall({
				kind: 'inbound',
				outcome: 'missed',
				quirks: { duplicates: true, unresolvedPlaceholders: true, trailingSpaceKey: true },
			}),
			await sandbox.playCall({
				kind: 'clickToCall',
				outcome: 'answered',
				quirks: { duplicates: ['Call hangup (Answered)'], outOfOrder: true },
			}),
		];
		sandbox.clearWebhooks();
		pasteIntoSmartflo(`${url}?secret=${SECRET}`, {
			encoding: 'form',
			triggers: ['Call hangup (Missed)', 'Call hangup (Missed or Answered)'],
		});
		pasteIntoSmartflo(`${url}?secret=${SECRET}`, { method: 'GET', triggers: ['Call missed by Agent (Hangup)'] });
		calls.push(await sandbox.playCall({ kind: 'inbound', outcome: 'missed', quirks: { duplicates: true, dollarKeys: true } }));

		const deliveries = calls.flatMap((call) => call.deliveries);
		expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
		const executions = await n8n.settledExecutions(workflowId);
		const items = triggerItems(executions);
		const expected = firstDeliveries(calls);
		report.push(
			`1 lifecycles: ${deliveries.length} deliveries (${deliveries.filter((d) => d.copy === 2).length} duplicates) → ${executions.length} executions, ${expected.length} expected`,
		);

		expect(executions).toHaveLength(expected.length);
		expect(executions.every((execution) => execution.status === 'success' && execution.mode === 'webhook')).toBe(true);
		expect(items.map((item) => `${item.event} ${item.call_id}`).sort()).toEqual(expected);

		// The missed call with every quirk came out clean.
		const missed = items.find((item) => item.event === 'call_hangup_missed' && item.call_id === calls[1].callId) as Record<string, unknown>;
		expect(missed).toMatchObject({ call_status: 'missed', direction: 'inbound', recording_url: null, answered_agent: null, duration: 30 });
		expect(missed.customer_no_with_prefix).toMatch(/^\+91\d{10}$/);
		expect(missed.start_stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
		expect(missed.missed_agent).toEqual([expect.objectContaining({ name: expect.any(String) })]);
		expect(missed.raw).toHaveProperty(['customer_no_with_prefix ']);
		// The form-encoded and GET deliveries too.
		const viaGet = items.find((item) => item.event === 'call_missed_by_agent_hangup' && item.call_id === calls[3].callId) as Record<
			string,
			unknown
		>;
		expect(viaGet).toMatchObject({ call_status: 'missed', billsec: 0, uuid: calls[3].uuid });
		expect(JSON.stringify(items)).not.toContain(SECRET);
	});

	it('2. a wrong or missing secret: 403 / 401 for every delivery and 0 executions; GET pings 200 and 0 executions', async () => {
		const { workflow, productionUrl } = triggerWorkflow('Smartflo e2e: wrong secret', { events: ['*'], secret: SECRET });
		const url = productionUrl(n8n.url);
		const workflowId = await n8n.createActiveWorkflow(workflow, url);
		pasteIntoSmartflo(`${url}?secret=not-the-secret`);
		const wrong = await sandbox.playCall({ kind: 'inbound', outcome: 'answered', quirks: { duplicates: true } });
		sandbox.clearWebhooks();
		pasteIntoSmartflo(url, { triggers: ['Call hangup (Missed)'] });
		const missing = await sandbox.playCall({ outcome: 'missed' });
		const pings = await Promise.all([fetch(url), fetch(`${url}?secret=${SECRET}`)]);

		expect(wrong.deliveries.map((delivery) => delivery.status)).toEqual(wrong.deliveries.map(() => 403));
		expect(missing.deliveries.map((delivery) => delivery.status)).toEqual([401]);
		expect(pings.map((ping) => ping.status)).toEqual([200, 200]);
		const executions = await n8n.settledExecutions(workflowId);
		report.push(
			`2 wrong secret: ${wrong.deliveries.length} × 403, missing secret: ${missing.deliveries.length} × 401, 2 pings → ${executions.length} executions`,
		);
		expect(executions).toHaveLength(0);
	});

	it('3. events not selected start nothing: a lifecycle into a “Call hangup (Missed)” trigger runs it once per missed call', async () => {
		const { workflow, productionUrl } = triggerWorkflow('Smartflo e2e: missed calls only', {
			events: ['call_hangup_missed'],
			authentication: 'header',
			secret: SECRET,
		});
		const url = productionUrl(n8n.url);
		const workflowId = await n8n.createActiveWorkflow(workflow, url);
		for (const trigger of SMARTFLO_TRIGGERS)
			sandbox.registerWebhook({ url, trigger: trigger.id, headers: { 'X-Smartflo-Secret': SECRET } });
		const calls = [
			await sandbox.playCall({ outcome: 'missed' }),
			await sandbox.playCall({ outcome: 'answered' }),
			await sandbox.playCall({ outcome: 'missed', quirks: { duplicates: true } }),
		];
		const executions = await n8n.settledExecutions(workflowId);
		const deliveries = calls.reduce((sum, call) => sum + call.deliveries.length, 0);
		report.push(`3 filter: ${deliveries} deliveries of all triggers → ${executions.length} executions`);
		expect(triggerItems(executions).map((item) => `${item.event} ${item.call_id}`)).toEqual([
			`call_hangup_missed ${calls[0].callId}`,
			`call_hangup_missed ${calls[2].callId}`,
		]);
	});

	it('4. chained: the Smartflo node’s Click to Call hits the sandbox, its webhooks fire, and the Smartflo Trigger runs with the same call id', async () => {
		const credential = await createSandboxCredential(n8n, sandbox.url, 'Smartflo sandbox (email & password)');
		const caller = clickToCallWorkflow('smartflo-e2e-start-call', credential);
		await n8n.createActiveWorkflow(caller.workflow);
		const listener = triggerWorkflow('Smartflo e2e: click-to-call events', {
			events: ['click_to_call_answered_by_customer', 'call_hangup_answered'],
			secret: SECRET,
		});
		const listenerUrl = listener.productionUrl(n8n.url);
		const listenerId = await n8n.createActiveWorkflow(listener.workflow, listenerUrl);
		pasteIntoSmartflo(`${listenerUrl}?secret=${SECRET}`, {
			triggers: ['Call answered by Agent', 'Call answered by Customer (Click to call)', 'Call hangup (Answered)'],
		});
		sandbox.configureWebhooks({ onClickToCall: 'answered', clickToCallQuirks: { duplicates: true } });

		const agent = (await firstUser(sandbox)).agentId;
		const started = await fetch(caller.productionUrl(n8n.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ agent, destination: '9876500001', lead: 'crm-lead-77' }),
		});
		expect(started.status).toBe(200);
		const placed = (await started.json()) as { success: boolean; call_id: string; ref_id: string };
		expect(placed).toMatchObject({ success: true, call_id: expect.any(String), ref_id: expect.any(String) });
		await sandbox.webhooksIdle();

		const played = sandbox.playedCalls().find((call) => call.callId === placed.call_id) as PlayedCall;
		expect(played.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
		const items = triggerItems(await n8n.settledExecutions(listenerId));
		report.push(`4 chained: click to call ${placed.call_id} → ${played.deliveries.length} deliveries → ${items.length} trigger executions`);
		expect(items.map((item) => item.event)).toEqual(['click_to_call_answered_by_customer', 'call_hangup_answered']);
		for (const item of items) {
			expect(item).toMatchObject({
				call_id: placed.call_id,
				ref_id: placed.ref_id,
				custom_identifier: 'crm-lead-77',
				direction: 'click_to_call',
				call_to_number: '9876500001',
			});
		}
		sandbox.configureWebhooks({ clickToCallQuirks: {} });
	});

	it('5. what a webhook() can persist: its node static data is saved, and a repeat after an n8n restart starts nothing', async () => {
		const { workflow, productionUrl } = triggerWorkflow('Smartflo e2e: restart', { events: ['*'], secret: SECRET });
		const url = productionUrl(n8n.url);
		const workflowId = await n8n.createActiveWorkflow(workflow, url);
		pasteIntoSmartflo(`${url}?secret=${SECRET}`, { triggers: ['Call hangup (Answered)'] });
		const before = await sandbox.playCall();
		await n8n.settledExecutions(workflowId);
		const stored = (await n8n.workflow(workflowId)).staticData as Record<string, { recentEvents?: Record<string, number> }> | null;
		const nodeData = stored?.[`node:${TRIGGER_NODE}`];
		report.push(`5 static data after one delivery: ${JSON.stringify(nodeData ?? null)}`);
		expect(Object.keys(nodeData?.recentEvents ?? {})).toHaveLength(1);

		await n8n.stop();
		await n8n.start();
		await fetch(url).catch(() => undefined);
		// Smartflo sends the same event again after the restart: the process memory is gone, the static data is not.
		const again = await fetch(`${url}?secret=${SECRET}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(replayOf(before)),
		});
		expect(again.status).toBe(200);
		const executions = await n8n.settledExecutions(workflowId);
		report.push(`5 restart: 1 delivery before, its repeat after the restart → ${executions.length} execution(s)`);
		expect(executions).toHaveLength(1);
	});

	it('6. activation refuses a trigger without a usable secret; a delivery that starts an execution is answered 200 with JSON', async () => {
		// n8n 2.x refuses the missing required parameter itself; the node's activation check refuses a short secret everywhere.
		const missing = triggerWorkflow('Smartflo e2e: no secret', { events: ['*'], secret: '' });
		await expect(n8n.createActiveWorkflow(missing.workflow)).rejects.toThrow(/Secret of at least 8 characters|required parameters: secret/);
		// n8n 1.x refuses to activate when the node's activation check throws; 2.x publishes the workflow with the
		// node's activation error recorded. Either way a delivery starts nothing.
		const short = triggerWorkflow('Smartflo e2e: short secret', { events: ['*'], secret: 'short' });
		const shortId = await n8n.createActiveWorkflow(short.workflow).then(
			(id) => id,
			(error: Error) => {
				expect(error.message).toMatch(/Secret of at least 8 characters/);
				return undefined;
			},
		);
		let shortOutcome = 'activation refused';
		if (shortId !== undefined) {
			const delivery = await fetch(`${short.productionUrl(n8n.url)}?secret=short`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ event: 'dtmf_option', uuid: 'u-short' }),
			});
			expect([404, 500]).toContain(delivery.status);
			expect(await n8n.settledExecutions(shortId)).toHaveLength(0);
			shortOutcome = `published, a delivery answered ${delivery.status}, 0 executions`;
		}
		const { workflow, productionUrl } = triggerWorkflow('Smartflo e2e: answer', { events: ['*'], secret: SECRET });
		const url = productionUrl(n8n.url);
		const workflowId = await n8n.createActiveWorkflow(workflow, url);
		const started = await fetch(`${url}?secret=${SECRET}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ event: 'dtmf_option', uuid: 'u-6', digit_pressed: '5' }),
		});
		const answer = await started.json();
		report.push(
			`6 no secret: activation refused; short secret: ${shortOutcome}; a started execution is answered ${started.status} ${JSON.stringify(answer)}`,
		);
		expect(started.status).toBe(200);
		expect(answer).toEqual({ received: true, started: true });
		expect(triggerItems(await n8n.settledExecutions(workflowId))).toEqual([
			expect.objectContaining({ event: 'dtmf_option', uuid: 'u-6', digit_pressed: '5' }),
		]);
	});
});

/** The ids of the call's hangup delivery: for Smartflo Trigger, the same event for the same call. */
function replayOf(call: PlayedCall): Record<string, unknown> {
	return { event: 'call_hangup_answered', uuid: call.uuid, call_id: call.callId, ref_id: call.refId ?? '', call_status: 'answered' };
}
