import { DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer } from '../helpers/fake-server';
import { firstUser, placeLiveCall, sandboxGet } from './fixtures';
import { jsonOf, passwordCredential, runNode, runNodeError, tokenCredential } from './harness';

let sandbox: SandboxHandle;
let agentId = '';
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 8, callRecords: 10, liveCalls: 0 } });
	({ agentId } = await firstUser(sandbox));
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.resetStats();
});

describe('Call → Click to Call', () => {
	it('places a call that shows up in live calls, and returns its ref_id and call_id', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: {
				resource: 'call',
				operation: 'clickToCall',
				agentNumber: agentId,
				destinationNumber: '09876543210',
				options: { customIdentifier: 'crm-42' },
			},
		});
		expect(output[0].json).toEqual({
			success: true,
			message: 'Originate successfully queued',
			ref_id: expect.any(String),
			call_id: expect.any(String),
		});
		const live = (await sandboxGet(sandbox, `/v1/live_calls?call_id=${encodeURIComponent(output[0].json.call_id as string)}`)) as unknown[];
		expect(live).toHaveLength(1);
	});

	it('leaves call_id out when Return Call ID is off', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'call', operation: 'clickToCall', agentNumber: agentId, destinationNumber: '9876543210', getCallId: false },
		});
		expect(output[0].json).not.toHaveProperty('call_id');
	});

	it('turns Smartflo’s refusal (HTTP 200, success:false) into an error naming the reason', async () => {
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'call', operation: 'clickToCall', agentNumber: '0000000000000', destinationNumber: '9876543210' },
		});
		expect(error.message).toBe('Smartflo refused the request: Agent not found');
		expect(error.httpCode).toBe('200');
	});

	it('refuses a value Smartflo would reject before calling it (an expression can bypass the field’s minimum)', async () => {
		sandbox.resetStats();
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: {
				resource: 'call',
				operation: 'clickToCall',
				agentNumber: agentId,
				destinationNumber: '9876543210',
				options: { callTimeout: 0 },
			},
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('Call Timeout must be at least 1');
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.stats().byPath['POST /v1/click_to_call']).toBeUndefined();
	});

	it('refuses a destination number that is too short (5 digits) before calling Smartflo, naming the field, item by item', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: (index) => ({
				resource: 'call',
				operation: 'clickToCall',
				agentNumber: agentId,
				destinationNumber: ['12345', '9876543210', '+91 98765'][index],
			}),
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.error ?? item.json.success)).toEqual([
			'Destination Number must have 10 to 15 digits (a leading + or 0 not counted)',
			true,
			'Destination Number must have 10 to 15 digits (a leading + or 0 not counted)',
		]);
		expect(output[0].json.description).toMatch(/9876543210/);
		expect(sandbox.stats().byPath['POST /v1/click_to_call']).toBe(1);
	});
});

describe('Call → Click to Call Support', () => {
	it('rings the customer with the API key in the body and no bearer token, so no login either', async () => {
		const store = passwordCredential(sandbox.url);
		const { output } = await runNode({
			store,
			parameters: { resource: 'call', operation: 'clickToCallSupport', customerNumber: '+919876543210', apiKey: DEMO_SUPPORT_API_KEY },
		});
		expect(output[0].json).toEqual({
			success: true,
			message: 'Call originated successfully',
			ref_id: expect.any(String),
			call_id: expect.any(String),
		});
		expect(sandbox.stats()).toMatchObject({ requests: 1, loginAttempts: 0 });
		expect(store.stored.accessToken ?? '').toBe('');
	});

	it('sends exactly the documented body', async () => {
		const server = await startFakeServer(() => ({
			status: 200,
			body: { success: true, message: 'Call originated successfully', ref_id: 'r-1' },
		}));
		try {
			await runNode({
				store: tokenCredential(server.url, sandbox.issueToken({ kind: 'permanent' })),
				parameters: {
					resource: 'call',
					operation: 'clickToCallSupport',
					customerNumber: ' 9876543210 ',
					apiKey: 'key-123',
					getCallId: false,
					options: { customerRingTimeout: 20, customIdentifier: '', callerId: '918069123456' },
				},
			});
			const [request] = server.requests;
			expect(request.path).toBe('/v1/click_to_call_support');
			expect(request.headers.authorization).toBeUndefined();
			expect(JSON.parse(request.body)).toEqual({
				customer_number: '9876543210',
				api_key: 'key-123',
				customer_ring_timeout: 20,
				caller_id: '918069123456',
				async: 1,
			});
		} finally {
			await server.close();
		}
	});

	it('explains an invalid API key and keeps going with continueOnFail', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			parameters: (index) => ({
				resource: 'call',
				operation: 'clickToCallSupport',
				customerNumber: '9876543210',
				apiKey: index === 0 ? 'wrong-key' : DEMO_SUPPORT_API_KEY,
			}),
		});
		expect(output[0]).toMatchObject({ json: { error: 'Smartflo refused the request: Invalid API key' }, pairedItem: { item: 0 } });
		expect(output[1]).toMatchObject({ json: { success: true }, pairedItem: { item: 1 } });
	});
});

describe('Call → Hang Up', () => {
	it('ends a live call', async () => {
		const callId = await placeLiveCall(sandbox, agentId);
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'call', operation: 'hangUp', callId: ` ${callId} ` },
		});
		expect(output[0].json).toEqual({ success: true, message: 'Call hangup successfully' });
		expect(await sandboxGet(sandbox, `/v1/live_calls?call_id=${encodeURIComponent(callId)}`)).toEqual([]);
	});

	it('says when the call is not found (e.g. a ref_id was given)', async () => {
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'call', operation: 'hangUp', callId: 'd1a4e0a2-ref-id' },
		});
		expect(error.message).toBe('Smartflo refused the request: Call not found');
	});
});

describe('Call → Get Live Calls', () => {
	it('lists the calls in progress (a bare array) as items, filtered and limited', async () => {
		const callIds = [await placeLiveCall(sandbox, agentId), await placeLiveCall(sandbox, agentId)];
		const store = passwordCredential(sandbox.url);
		const all = await runNode({ store, parameters: { resource: 'call', operation: 'getLiveCalls', returnAll: true } });
		expect(jsonOf(all.output).map((call) => call.call_id)).toEqual(expect.arrayContaining(callIds));

		const one = await runNode({ store, parameters: { resource: 'call', operation: 'getLiveCalls', filters: { callId: callIds[1] } } });
		expect(jsonOf(one.output).map((call) => call.call_id)).toEqual([callIds[1]]);

		const limited = await runNode({ store, parameters: { resource: 'call', operation: 'getLiveCalls', limit: 1 } });
		expect(limited.output).toHaveLength(1);
	});

	it('outputs nothing when no call is live', async () => {
		const server = await startFakeServer(() => ({ status: 200, body: [] }));
		try {
			const { output } = await runNode({
				store: tokenCredential(server.url, sandbox.issueToken({ kind: 'permanent' })),
				parameters: { resource: 'call', operation: 'getLiveCalls' },
			});
			expect(output).toEqual([]);
			expect(server.requests[0].path).toBe('/v1/live_calls');
		} finally {
			await server.close();
		}
	});
});
