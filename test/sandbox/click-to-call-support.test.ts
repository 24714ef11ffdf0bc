import { DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request } from './helpers';

describe('POST /v1/click_to_call_support', () => {
	let sandbox: SandboxHandle;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	const support = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
		request(sandbox.url, '/v1/click_to_call_support', { body, headers });

	it('authenticates by the api_key in the body, with no Authorization header', async () => {
		const response = await support({ customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY, async: 1 });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: true, message: 'Call originated successfully', ref_id: expect.any(String) });
	});

	it('returns a call_id on request, and the customer-first call is live', async () => {
		const response = await support({ customer_number: '+919876501234', api_key: DEMO_SUPPORT_API_KEY, async: 1, get_call_id: 1 });
		const token = sandbox.issueToken({});
		const live = await request(sandbox.url, '/v1/live_calls', { token, query: { call_id: response.body.call_id } });
		expect(live.body).toEqual([
			expect.objectContaining({
				type: 'click-to-call-support',
				state: 'Ringing',
				customer_number: '+919876501234',
				source: '+919876501234',
			}),
		]);
	});

	it('answers an unknown api_key with 200 "Invalid API key"', async () => {
		const response = await support({ customer_number: '9876543210', api_key: 'nope', async: 1 });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Invalid API key' });
	});

	it('answers the api_key sent as a bearer token with "Deleted or blacklisted token provided"', async () => {
		const response = await support({ customer_number: '9876543210', async: 1 }, { Authorization: `Bearer ${DEMO_SUPPORT_API_KEY}` });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ success: false, message: 'Deleted or blacklisted token provided' });
	});

	it('answers a missing api_key without any header with the validation envelope', async () => {
		const response = await support({ async: 1, customer_ring_timeout: 45 });
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({
			customer_number: ['The customer number field is required.'],
			api_key: ['The api key field is required.'],
			customer_ring_timeout: ['The customer ring timeout must be between 10 and 30.'],
		});
	});

	it('accepts customer_ring_timeout between 10 and 30', async () => {
		for (const timeout of [10, 30]) {
			const response = await support({
				customer_number: '9876543210',
				api_key: DEMO_SUPPORT_API_KEY,
				async: 1,
				customer_ring_timeout: timeout,
			});
			expect(response.body.success).toBe(true);
		}
	});

	it('refuses a caller_id other than the DID bound to the key', async () => {
		const token = sandbox.issueToken({});
		const dids = (await request(sandbox.url, '/v1/my_number', { token })).body;
		const bound = await support({ customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY, async: 1, caller_id: dids[0].did });
		expect(bound.body.success).toBe(true);
		const other = await support({ customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY, async: 1, caller_id: dids[1].did });
		expect(other.body).toEqual({ success: false, message: 'Provide a valid caller_id' });
	});

	it('refuses synchronous mode and invalid customer numbers', async () => {
		expect((await support({ customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY })).body.message).toBe(
			'Synchronous click to call is discontinued. Please send async: 1',
		);
		expect((await support({ customer_number: '12345', api_key: DEMO_SUPPORT_API_KEY, async: 1 })).body).toEqual({
			success: false,
			message: 'Invalid customer number',
		});
	});

	it('accepts only the configured keys when supportApiKeys is given', async () => {
		const custom = await startSandbox({ supportApiKeys: ['key-one', 'key-two'] });
		try {
			const call = (apiKey: string) =>
				request(custom.url, '/v1/click_to_call_support', { body: { customer_number: '9876543210', api_key: apiKey, async: 1 } });
			expect((await call('key-two')).body.success).toBe(true);
			expect((await call(DEMO_SUPPORT_API_KEY)).body.message).toBe('Invalid API key');
		} finally {
			await custom.close();
		}
	});
});
