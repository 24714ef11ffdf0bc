import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request } from './helpers';

// Laravel counts null and whitespace-only values as absent, so they fail `required` like a missing field.
describe('required fields sent blank', () => {
	let sandbox: SandboxHandle;
	let token: string;
	const send = (path: string, body: unknown) => request(sandbox.url, path, { token, body });

	beforeAll(async () => {
		sandbox = await startSandbox({});
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	it('schedule_call with a null schedule_date_time', async () => {
		const response = await send('/v1/dialer/schedule_call', {
			customer_number: '9876543210',
			schedule_date_time: null,
			assigned_to: '0506000000001',
		});
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({ schedule_date_time: ['The schedule date time field is required.'] });
	});

	it('call options with a whitespace-only or null type', async () => {
		for (const type of ['  ', null]) {
			const response = await send('/v1/call/options', { type, call_id: 'call-1', agent_id: '0506000000001' });
			expect(response.status).toBe(422);
			expect(response.body.errors).toEqual({ type: ['The type field is required.'] });
		}
	});

	it('scheduled callbacks with a whitespace-only date', async () => {
		const response = await request(sandbox.url, '/v1/dialer/schedule_call', {
			token,
			query: { from_date: ' ', to_date: '2026-09-21 00:00:00' },
		});
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({ from_date: ['The from date field is required.'] });
	});

	it('a user with an empty caller_id list', async () => {
		const user = {
			name: 'Asha Rao',
			number: '9811100011',
			email: 'asha@example.in',
			login_id: 'asha',
			user_role: 2,
			password: 'Str0ng!pass',
			caller_id: [],
			create_agent: true,
			status: true,
		};
		const response = await send('/v1/user', user);
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({ caller_id: ['The caller id field is required.'] });
	});
});
