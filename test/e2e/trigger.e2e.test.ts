import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox, type PlayedCall, type SandboxHandle } from '../../sandbox/index';
import { SMARTFLO_TRIGGERS } from '../../src/webhooks';
import { waitFor } from '../helpers/wait';
import { firstUser } from '../nodes/fixtures';
import { nestedObjectsJson, payloadArrayJson, PROTOTYPE_KEYS_JSON } from '../trigger/hostile';
import { installLikeN8n, packThisPackage } from './install-package';
import { installedN8n } from './n8n-process';
import { N8nServer, type PublicExecution } from './n8n-server';
import { createSandboxCredential } from './sandbox-credential';
import { clickToCallWorkflow, errorWorkflow, TRIGGER_NODE, triggerWorkflow } from './trigger-workflows';

const SECRET = 'e2e-trigger-secret-7f3a9c';

const PAYLOAD_ARRAY = payloadArrayJson(3_000);

/**
 * What an attacker sends, and the answers without the secret, with a wrong one and with the right one.
 * n8n reads and parses JSON, form, XML and text bodies itself before the trigger runs: JSON it cannot
 * parse is its own 422, whatever the secret. (XML is left out: n8n reuses one xml2js parser, and after
 * one body it cannot parse, the next such body is never answered, whichever node the webhook belongs to.)
 */
const E2E_HOSTILE_BODIES: ReadonlyArray<{
	label: string;
	body: string | Buffer;
	contentType: string;
	expected: number[];
}> = [
	{ label: '60 KB of nested objects', body: nestedObjectsJson(10_000), contentType: 'application/json', expected: [401, 403, 400] },
	{ label: '60 KB of nested objects as text', body: nestedObjectsJson(10_000), contentType: 'text/plain', expected: [401, 403, 400] },
	{
		label: `a ${(PAYLOAD_ARRAY.length / 1e6).toFixed(1)} MB array of payloads`,
		body: PAYLOAD_ARRAY,
		contentType: 'application/json',
		expected: [401, 403, 413],
	},
	{ label: 'a body of an unparsed type', body: '<html><body>hello</body></html>', contentType: 'text/html', expected: [401, 403, 400] },
	{ label: 'truncated JSON', body: PROTOTYPE_KEYS_JSON.slice(0, 100), contentType: 'application/json', expected: [422, 422, 422] },
	// Readable, but names no selected event: answered, nothing started.
	{
		label: 'JSON sent as form fields',
		body: PROTOTYPE_KEYS_JSON,
		contentType: 'application/x-www-form-urlencoded',
		expected: [401, 403, 200],
	},
	{ label: 'invalid UTF-8', body: Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x7b]), contentType: 'text/plain', expected: [401, 403, 400] },
	{ label: 'a JSON number', body: '42', contentType: 'application/json', expected: [401, 403, 400] },
];
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

	it('7. hostile bodies, with and without the secret: 4xx, no execution, and the Error Workflow stays idle until a real failure', async () => {
		// An Error Workflow as an alerting team sets one up; n8n 2.x runs only a published one, n8n 1.x any.
		const alerts = errorWorkflow('Smartflo e2e: alerts');
		const { id: alertsId } = await n8n.api<{ id: string }>('/workflows', {
			body: { settings: { executionOrder: 'v1' }, ...alerts.workflow },
		});
		await n8n.api(`/workflows/${alertsId}/activate`, { method: 'POST' }).catch(() => undefined);
		// Every execution this workflow starts fails, so each would run the Error Workflow.
		const guarded = triggerWorkflow(
			'Smartflo e2e: hostile bodies',
			{ events: ['call_hangup_missed'], secret: SECRET },
			{ then: 'fail', errorWorkflow: alertsId },
		);
		const url = guarded.productionUrl(n8n.url);
		const guardedId = await n8n.createActiveWorkflow(guarded.workflow, url);

		const outcomes: string[] = [];
		for (const hostile of E2E_HOSTILE_BODIES) {
			const answers: Array<{ status: number; text: string }> = [];
			for (const target of [url, `${url}?secret=not-the-secret`, `${url}?secret=${SECRET}`]) {
				answers.push(await post(target, hostile.body, hostile.contentType));
			}
			outcomes.push(`${hostile.label}: ${answers.map(({ status }) => status).join('/')}`);
			const statuses = answers.map(({ status }) => status);
			expect({ label: hostile.label, statuses }).toEqual({ label: hostile.label, statuses: hostile.expected });
			// The trigger's own answers carry no stack trace. (n8n's own 422 does while NODE_ENV is not production.)
			for (const { status, text } of answers) if (status !== 422) expect(text).not.toMatch(/\n\s+at |stack/i);
		}
		const hostileExecutions = await n8n.settledExecutions(guardedId);
		const idleAlerts = await n8n.settledExecutions(alertsId);
		report.push(`7 hostile bodies (no secret / wrong / right): ${outcomes.join('; ')}`);
		report.push(`7 → ${hostileExecutions.length} executions, Error Workflow ran ${idleAlerts.length} times`);
		expect(hostileExecutions).toHaveLength(0);
		expect(idleAlerts).toHaveLength(0);

		// Keys that reach Object.prototype: 401 without the secret; with it the payload is valid, so it runs a recording workflow with a clean item.
		const recording = triggerWorkflow('Smartflo e2e: prototype keys', { events: ['*'], secret: SECRET }, { errorWorkflow: alertsId });
		const recordingUrl = recording.productionUrl(n8n.url);
		const recordingId = await n8n.createActiveWorkflow(recording.workflow, recordingUrl);
		expect((await post(recordingUrl, PROTOTYPE_KEYS_JSON, 'application/json')).status).toBe(401);
		expect((await post(`${recordingUrl}?secret=${SECRET}`, PROTOTYPE_KEYS_JSON, 'application/json')).status).toBe(200);
		const recorded = await n8n.settledExecutions(recordingId);
		expect(recorded.map((execution) => execution.status)).toEqual(['success']);
		const [item] = triggerItems(recorded);
		expect(item).toMatchObject({ uuid: 'proto-1', toString: 'x', direction: 'unknown', billing_circle: { operator: 'Airtel' } });
		expect(JSON.stringify(item)).not.toMatch(/polluted|native code/);

		// The control: a real failure reaches the Error Workflow, so its idleness above was no accident of the setup.
		const good = await post(
			`${url}?secret=${SECRET}`,
			JSON.stringify({ event: 'call_hangup_missed', uuid: 'u-control' }),
			'application/json',
		);
		expect(good.status).toBe(200);
		const failed = await n8n.settledExecutions(guardedId);
		const alerted = await waitForExecutions(alertsId, 1);
		report.push(`7 control: one good delivery → ${failed.length} failed execution, Error Workflow ran ${alerted.length} time(s)`);
		expect(failed.map((execution) => execution.status)).toEqual(['error']);
		expect(alerted).toHaveLength(1);
	});

	/** The workflow's executions once there are at least `count` and they have settled. */
	async function waitForExecutions(workflowId: string, count: number): Promise<PublicExecution[]> {
		await waitFor(async () => (await n8n.executions(workflowId)).length >= count, 30_000, `${count} execution(s) of ${workflowId}`);
		return await n8n.settledExecutions(workflowId);
	}
});

async function post(url: string, body: string | Buffer, contentType: string): Promise<{ status: number; text: string }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': contentType },
		body: typeof body === 'string' ? body : new Uint8Array(body),
	});
	return { status: response.status, text: await response.text() };
}

/** The ids of the call's hangup delivery: for Smartflo Trigger, the same event for the same call. */
function replayOf(call: PlayedCall): Record<string, unknown> {
	return { event: 'call_hangup_answered', uuid: call.uuid, call_id: call.callId, ref_id: call.refId ?? '', call_status: 'answered' };
}
