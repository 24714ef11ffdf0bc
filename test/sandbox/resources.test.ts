import { request as httpRequest } from 'node:http';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, type Json } from './helpers';

describe('numbers, departments, live calls and routing', () => {
	let sandbox: SandboxHandle;
	let token: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { liveCalls: 6 } });
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	it('lists the DIDs as a bare array', async () => {
		const response = await request(sandbox.url, '/v1/my_number', { token });
		expect(response.status).toBe(200);
		expect(Array.isArray(response.body)).toBe(true);
		expect(response.body.length).toBeGreaterThanOrEqual(3);
		for (const entry of response.body) {
			expect(entry).toEqual({
				id: expect.any(Number),
				did: expect.stringMatching(/^918069\d{6}$/),
				alias: expect.any(String),
				name: expect.any(String),
				destination: entry.destination === null ? null : expect.stringMatching(/^department\|\|\d+$/),
				description: expect.any(String),
			});
		}
	});

	it('lists departments as a bare array with their agents', async () => {
		const response = await request(sandbox.url, '/v1/departments', { token });
		const users = (await request(sandbox.url, '/v1/users', { token, query: { limit: 100 } })).body.data;
		expect(Array.isArray(response.body)).toBe(true);
		const agentIds = new Set(users.map((user: Json) => user.agent.id));
		let members = 0;
		for (const department of response.body) {
			expect(department).toMatchObject({
				id: expect.any(Number),
				name: expect.stringMatching(/^[a-z]+$/),
				ring_strategy: expect.any(String),
				agent_count: department.agents.length,
				calls_answered: expect.any(Number),
				calls_missed: expect.any(Number),
				sticky_agent: expect.any(Object),
				transcription: expect.any(Object),
			});
			for (const agent of department.agents) expect(agentIds.has(agent.eid)).toBe(true);
			members += department.agent_count;
		}
		expect(members).toBe(users.length);
	});

	it('lists live calls as a bare array in the documented shape', async () => {
		const response = await request(sandbox.url, '/v1/live_calls', { token });
		expect(response.body).toHaveLength(6);
		for (const call of response.body) {
			expect(call).toEqual({
				id: expect.any(Number),
				user_id: expect.any(Number),
				client_id: expect.any(Number),
				call_id: expect.any(String),
				direction: expect.any(Number),
				source: expect.any(String),
				type: expect.any(String),
				did: expect.stringMatching(/^918069\d{6}$/),
				multiple_destination_type: expect.any(String),
				multiple_destination_name: expect.any(String),
				destination: expect.any(String),
				state: expect.stringMatching(/^(Ringing|Answered)$/),
				queue_state: null,
				channel_id: expect.any(String),
				created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
				sip_domain: expect.any(String),
				broadcast_id: null,
				broadcast_no: null,
				call_time: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
				agent_name: expect.any(String),
				customer_number: expect.any(String),
			});
			expect([1, 2]).toContain(call.direction);
		}
		const states = response.body.map((call: Json) => call.state);
		expect(states).toContain('Ringing');
		expect(states).toContain('Answered');
	});

	it('filters live calls by agent_number, extension, did_number and call_id', async () => {
		const all = (await request(sandbox.url, '/v1/live_calls', { token })).body;
		const target = all[0];
		const user = (await request(sandbox.url, `/v1/user/${target.user_id}`, { token })).body.data;
		const live = (query: Record<string, string>) => request(sandbox.url, '/v1/live_calls', { token, query }).then((r) => r.body);

		const byAgent = all.filter((call: Json) => call.user_id === target.user_id);
		expect(await live({ agent_number: user.agent.id })).toEqual(byAgent);
		expect(await live({ agent_number: user.agent.number })).toEqual(byAgent);
		expect(await live({ extension: user.agent.intercom })).toEqual(byAgent);
		expect(await live({ did_number: target.did })).toEqual(all.filter((call: Json) => call.did === target.did));
		expect(await live({ call_id: target.call_id })).toEqual([target]);
		expect(await live({ call_id: 'no-such-call' })).toEqual([]);
		expect(await live({ agent_number: '0000000000000' })).toEqual([]);
	});

	it.each(['/v1/users', '/v1/user/1', '/v1/my_number', '/v1/departments', '/v1/live_calls', '/v1/call/records'])(
		'protects GET %s with the bearer token',
		async (path) => {
			expect((await request(sandbox.url, path)).status).toBe(400);
			expect((await request(sandbox.url, path, { token: 'garbled' })).status).toBe(401);
		},
	);

	it.each(['/v1/click_to_call', '/v1/call/hangup', '/v1/auth/refresh'])('protects POST %s with the bearer token', async (path) => {
		const response = await request(sandbox.url, path, { body: {} });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({ message: 'Missing required request parameters: [Authorization]' });
	});

	it('answers unknown paths with 404 and wrong methods with 405', async () => {
		for (const path of ['/v1/cdr', '/v1/agent', '/v1/active_calls', '/', '/v2/users']) {
			const response = await request(sandbox.url, path, { token });
			expect(response.status).toBe(404);
			expect(response.body).toEqual({ message: 'Not Found' });
		}
		const wrong = await request(sandbox.url, '/v1/auth/login');
		expect(wrong.status).toBe(405);
		expect(wrong.body).toEqual({ message: 'Method Not Allowed' });
		expect(wrong.headers.get('allow')).toBe('POST');
		expect((await request(sandbox.url, '/v1/users', { method: 'DELETE', token })).status).toBe(405);
	});

	it('tolerates a trailing slash', async () => {
		expect((await request(sandbox.url, '/v1/my_number/', { token })).status).toBe(200);
	});

	it('answers a body over 1 MB with 413 and keeps serving', async () => {
		const response = await request(sandbox.url, '/v1/auth/login', { body: { email: 'x'.repeat(1_100_000), password: 'y' } });
		expect(response.status).toBe(413);
		expect((await request(sandbox.url, '/v1/my_number', { token })).status).toBe(200);
	});

	it('answers JSON with keep-alive and a gateway request id', async () => {
		const response = await request(sandbox.url, '/v1/my_number', { token });
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
		const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
			const url = new URL('/v1/my_number', sandbox.url);
			const req = httpRequest(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
				res.resume();
				resolve(res.headers);
			});
			req.on('error', reject);
			req.end();
		});
		expect(headers.connection).toBe('keep-alive');
	});
});
