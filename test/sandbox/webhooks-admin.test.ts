import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { request, type Json } from './helpers';

describe('sandbox webhooks: the admin API and click to call', () => {
	let sandbox: SandboxHandle;
	let receiver: FakeServer;
	let agentId: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		receiver = await startFakeServer(() => ({ status: 200, body: {} }));
		const users = await request(sandbox.url, '/v1/users', { token: sandbox.issueToken({}) });
		agentId = users.body.data[0].agent.id;
	});
	afterEach(async () => {
		await sandbox.webhooksIdle();
		sandbox.clearWebhooks();
		sandbox.resetWebhookStats();
		sandbox.configureWebhooks({ onClickToCall: 'answered', clickToCallQuirks: {} });
		receiver.requests.length = 0;
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});

	const admin = (path: string, options: { method?: string; body?: unknown } = {}) => request(sandbox.url, `/__sandbox${path}`, options);
	const clickToCall = (body: Record<string, unknown>) =>
		request(sandbox.url, '/v1/click_to_call', {
			token: sandbox.issueToken({}),
			body: { agent_number: agentId, destination_number: '9876543210', async: 1, ...body },
		});

	it('POST /webhooks registers, GET lists, DELETE /webhooks/{id} removes, DELETE /webhooks clears', async () => {
		const created = await admin('/webhooks', { body: { url: `${receiver.url}/hook`, trigger: 'Call hangup (Missed)', method: 'GET' } });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ id: expect.any(String), trigger: 'call_hangup_missed', method: 'GET', encoding: 'json' });
		await admin('/webhooks', { body: { url: `${receiver.url}/hook`, trigger: 'dtmf_option' } });
		expect((await admin('/webhooks')).body.webhooks.map((webhook: Json) => webhook.trigger)).toEqual(['call_hangup_missed', 'dtmf_option']);
		expect((await admin(`/webhooks/${created.body.id}`, { method: 'DELETE' })).body).toEqual({ ok: true });
		expect((await admin(`/webhooks/${created.body.id}`, { method: 'DELETE' })).status).toBe(404);
		expect((await admin('/webhooks', { method: 'DELETE' })).body).toEqual({ ok: true });
		expect(sandbox.listWebhooks()).toEqual([]);
	});

	it('bad registrations and call options are 400s that say what is wrong', async () => {
		const bad = await admin('/webhooks', { body: { url: 'nope', trigger: 'DTMF Option' } });
		expect(bad).toMatchObject({ status: 400, body: { message: expect.stringMatching(/url/) } });
		expect((await admin('/webhooks/calls', { body: { kind: 'fax' } })).status).toBe(400);
		expect((await admin('/webhooks/config', { body: { onClickToCall: 'sometimes' } })).status).toBe(400);
	});

	it('POST /webhooks/calls plays a call and answers when it has been delivered; GET /webhooks/calls and /stats tell the story', async () => {
		sandbox.registerWebhook({ url: `${receiver.url}/hook`, trigger: 'Call hangup (Missed)' });
		const played = await admin('/webhooks/calls', { body: { outcome: 'missed', quirks: { duplicates: true } } });
		expect(played.status).toBe(200);
		expect(played.body).toMatchObject({ kind: 'inbound', outcome: 'missed', finished: true, deliveries: [{ copy: 1 }, { copy: 2 }] });
		expect(receiver.requests).toHaveLength(2);
		expect((await admin('/webhooks/calls')).body.calls.at(-1)).toMatchObject({ callId: played.body.callId, finished: true });
		expect((await admin('/webhooks/stats')).body).toMatchObject({ calls: 1, deliveries: 2, delivered: 2, failed: 0 });
		expect((await admin('/webhooks/stats/reset', { method: 'POST' })).body).toEqual({ ok: true });
		expect(sandbox.webhookStats().deliveries).toBe(0);
	});

	it('GET and POST /webhooks/config', async () => {
		expect((await admin('/webhooks/config')).body).toEqual({ onClickToCall: 'answered', clickToCallQuirks: {}, deliveryTimeoutMs: 10_000 });
		const patched = await admin('/webhooks/config', { body: { onClickToCall: 'missed', clickToCallQuirks: { duplicates: true } } });
		expect(patched.body).toEqual({ onClickToCall: 'missed', clickToCallQuirks: { duplicates: true }, deliveryTimeoutMs: 10_000 });
	});

	it('/v1/click_to_call plays the call’s lifecycle with its call_id, ref_id, live channel and custom identifier', async () => {
		for (const trigger of ['Call answered by Customer (Click to call)', 'Call hangup (Answered)']) {
			sandbox.registerWebhook({ url: `${receiver.url}/hook`, trigger });
		}
		const placed = await clickToCall({ get_call_id: 1, custom_identifier: 'lead-7' });
		expect(placed.body).toMatchObject({ success: true, ref_id: expect.any(String), call_id: expect.any(String) });
		await sandbox.webhooksIdle();
		const bodies = receiver.requests.map((entry) => JSON.parse(entry.body));
		expect(bodies.map((body) => body.event)).toEqual(['click_to_call_answered_by_customer', 'call_hangup_answered']);
		const live = await request(sandbox.url, '/v1/live_calls', { token: sandbox.issueToken({}), query: { call_id: placed.body.call_id } });
		for (const body of bodies) {
			expect(body).toMatchObject({
				call_id: placed.body.call_id,
				ref_id: placed.body.ref_id,
				custom_identifier: 'lead-7',
				direction: 'clicktocall',
				call_to_number: '9876543210',
			});
			expect(body.uuid).toBe(live.body[0].channel_id);
		}
		expect(sandbox.playedCalls().at(-1)).toMatchObject({ kind: 'clickToCall', callId: placed.body.call_id, refId: placed.body.ref_id });
	});

	it('click to call support plays the customer-first lifecycle', async () => {
		sandbox.registerWebhook({ url: `${receiver.url}/hook`, trigger: 'Call answered by Customer (Click to call)' });
		const placed = await request(sandbox.url, '/v1/click_to_call_support', {
			body: { customer_number: '9876543210', api_key: '5f0c7a3e-2b1d-4c9e-8a6f-0d4b3c2a1e9f', async: 1 },
		});
		expect(placed.body.success).toBe(true);
		await sandbox.webhooksIdle();
		expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ ref_id: placed.body.ref_id, direction: 'click_to_call' });
	});

	it('onClickToCall missed: the customer does not answer; off: nothing is sent', async () => {
		sandbox.registerWebhook({ url: `${receiver.url}/hook`, trigger: 'Call missed by Customer (Click to Call)' });
		sandbox.registerWebhook({ url: `${receiver.url}/hook`, trigger: 'Call hangup (Missed)' });
		sandbox.configureWebhooks({ onClickToCall: 'missed' });
		await clickToCall({});
		await sandbox.webhooksIdle();
		expect(receiver.requests.map((entry) => JSON.parse(entry.body).event)).toEqual([
			'click_to_call_missed_by_customer',
			'call_hangup_missed',
		]);
		sandbox.configureWebhooks({ onClickToCall: 'off' });
		await clickToCall({});
		await sandbox.webhooksIdle();
		expect(receiver.requests).toHaveLength(2);
	});

	it('with no webhook registered click to call plays nothing', async () => {
		await clickToCall({});
		expect(sandbox.webhookStats().calls).toBe(0);
	});
});
