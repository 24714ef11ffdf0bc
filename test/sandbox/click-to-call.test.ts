import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, sleep, type Json } from './helpers';

describe('click to call → live calls → hangup', () => {
	let sandbox: SandboxHandle;
	let token: string;
	let agent: Json;
	let pilotDid: string;
	let otherDid: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		token = sandbox.issueToken({ kind: 'permanent' });
		const users = await request(sandbox.url, '/v1/users', { token, query: { limit: 100 } });
		agent = users.body.data.find((user: Json) => user.extension !== null);
		const dids = (await request(sandbox.url, '/v1/my_number', { token })).body;
		pilotDid = dids[0].did;
		otherDid = dids[2].did;
	});
	afterAll(() => sandbox.close());

	const clickToCall = (body: Record<string, unknown>) => request(sandbox.url, '/v1/click_to_call', { token, body });
	const liveCalls = (query: Record<string, string> = {}) => request(sandbox.url, '/v1/live_calls', { token, query });
	const hangup = (body: Record<string, unknown>) => request(sandbox.url, '/v1/call/hangup', { token, body });

	it('queues the call and returns a ref_id (a UUID)', async () => {
		const response = await clickToCall({ agent_number: agent.agent.id, destination_number: '9876543210', async: 1 });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			success: true,
			message: 'Originate successfully queued',
			ref_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
		});
		expect(response.body.call_id).toBeUndefined();
	});

	it.each([1, '1', true])('adds call_id when get_call_id is %p, and the call is live and ringing', async (flag) => {
		const response = await clickToCall({
			agent_number: agent.agent.id,
			destination_number: '+919812345678',
			async: '1',
			get_call_id: flag,
		});
		const callId = response.body.call_id;
		expect(typeof callId).toBe('string');

		const live = await liveCalls({ call_id: callId });
		expect(live.body).toHaveLength(1);
		expect(live.body[0]).toMatchObject({
			call_id: callId,
			direction: 2,
			type: 'click-to-call',
			state: 'Ringing',
			did: pilotDid,
			multiple_destination_type: 'c2c',
			agent_name: agent.name,
			customer_number: '+919812345678',
			user_id: agent.id,
		});
		expect(live.body[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(live.body[0].call_time).toMatch(/^00:00:0\d$/);
	});

	it('finds the agent by intercom / extension and by follow-me number in any prefix form', async () => {
		const followMe = agent.agent.follow_me_number.slice(-10);
		for (const agentNumber of [agent.extension, followMe, `0${followMe}`, `+91${followMe}`]) {
			const response = await clickToCall({ agent_number: agentNumber, destination_number: '9876543210', async: 1 });
			expect(response.body.success).toBe(true);
		}
	});

	it('uses a caller_id that is one of the account DIDs', async () => {
		const response = await clickToCall({
			agent_number: agent.agent.id,
			destination_number: '9876543210',
			caller_id: otherDid,
			async: 1,
			get_call_id: 1,
		});
		const live = await liveCalls({ call_id: response.body.call_id });
		expect(live.body[0].did).toBe(otherDid);
	});

	it('refuses a caller_id that is not an account DID', async () => {
		const response = await clickToCall({
			agent_number: agent.agent.id,
			destination_number: '9876543210',
			caller_id: '918000000000',
			async: 1,
		});
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Provide a valid caller_id' });
	});

	it.each([undefined, 0, '0', 'yes'])('refuses async = %p: synchronous mode is discontinued', async (value) => {
		const response = await clickToCall({ agent_number: agent.agent.id, destination_number: '9876543210', async: value });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Synchronous click to call is discontinued. Please send async: 1' });
	});

	it('answers an unknown agent with 200 "Agent not found"', async () => {
		const response = await clickToCall({ agent_number: '0000000000001', destination_number: '9876543210', async: 1 });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Agent not found' });
	});

	it.each(['98765', '98765432101234567', '98765-43210', 'call-me', '098765432', '+98765432'])(
		'refuses the destination %p',
		async (destination) => {
			const response = await clickToCall({ agent_number: agent.agent.id, destination_number: destination, async: 1 });
			expect(response.body).toEqual({ success: false, message: 'Invalid destination number' });
		},
	);

	it.each(['9876543210', '09876543210', '+919876543210', '919876543210', '441632960961'])(
		'accepts the destination %p',
		async (destination) => {
			const response = await clickToCall({ agent_number: agent.agent.id, destination_number: destination, async: 1 });
			expect(response.body.success).toBe(true);
		},
	);

	it('answers missing fields with the validation envelope', async () => {
		const response = await clickToCall({ async: 1, call_timeout: 'soon' });
		expect(response.status).toBe(422);
		expect(response.body).toEqual({
			success: false,
			message: 'The given data was invalid.',
			errors: {
				agent_number: ['The agent number field is required.'],
				destination_number: ['The destination number field is required.'],
				call_timeout: ['The call timeout must be an integer.'],
			},
		});
	});

	it('needs a bearer token', async () => {
		const response = await request(sandbox.url, '/v1/click_to_call', { body: { agent_number: agent.agent.id } });
		expect(response.status).toBe(400);
	});

	it('does not hang up by ref_id, only by the live call_id; the call then leaves live calls for the records', async () => {
		const placed = await clickToCall({ agent_number: agent.agent.id, destination_number: '9811122233', async: 1, get_call_id: 1 });
		const { ref_id: refId, call_id: callId } = placed.body;

		const byRef = await hangup({ call_id: refId });
		expect(byRef.status).toBe(200);
		expect(byRef.body).toEqual({ success: false, message: 'Call not found' });
		expect((await liveCalls({ call_id: callId })).body).toHaveLength(1);

		const byCallId = await hangup({ call_id: callId });
		expect(byCallId.body).toEqual({ success: true, message: 'Call hangup successfully' });
		expect((await liveCalls({ call_id: callId })).body).toEqual([]);
		expect((await hangup({ call_id: callId })).body).toEqual({ success: false, message: 'Call not found' });

		const records = await request(sandbox.url, '/v1/call/records', { token, query: { callerid: '9811122233' } });
		expect(records.body.count).toBe(1);
		expect(records.body.results[0]).toMatchObject({
			call_id: callId,
			ref_id: refId,
			direction: 'outbound',
			status: 'missed',
			service: 'Click to call',
			answered_seconds: 0,
			agent_name: agent.name,
		});
	});

	it('ends the call by itself once call_timeout has passed', async () => {
		const placed = await clickToCall({
			agent_number: agent.agent.id,
			destination_number: '9822233344',
			async: 1,
			get_call_id: 1,
			call_timeout: 1,
		});
		expect((await liveCalls({ call_id: placed.body.call_id })).body).toHaveLength(1);
		await sleep(1050);
		expect((await liveCalls({ call_id: placed.body.call_id })).body).toEqual([]);
		const records = await request(sandbox.url, '/v1/call/records', { token, query: { callerid: '9822233344' } });
		expect(records.body.results[0]).toMatchObject({ call_id: placed.body.call_id, call_duration: 1 });
	});

	it('hangs up a seeded live call', async () => {
		const seeded = (await liveCalls()).body.find((call: Json) => call.type === 'inbound');
		expect((await hangup({ call_id: seeded.call_id })).body.success).toBe(true);
		expect((await liveCalls({ call_id: seeded.call_id })).body).toEqual([]);
	});

	it('answers a hangup without call_id with 422', async () => {
		const response = await hangup({});
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({ call_id: ['The call id field is required.'] });
	});
});
