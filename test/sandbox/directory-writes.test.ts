import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, type Json } from './helpers';

describe('users, numbers, departments, routing, call control, callbacks and recordings', () => {
	let sandbox: SandboxHandle;
	let token: string;
	const get = (path: string, query?: Record<string, string | number | string[]>) => request(sandbox.url, path, { token, query });
	const send = (method: string, path: string, body?: unknown) => request(sandbox.url, path, { token, method, body });
	const IST = 330 * 60_000;
	const istWallClock = (epochMs: number) => new Date(epochMs + IST).toISOString().slice(0, 19).replace('T', ' ');

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { users: 8, callRecords: 20, liveCalls: 6 } });
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	it('lists IVRs under ivrs, and auto attendants, time groups and roles as bare arrays', async () => {
		const { ivrs } = (await get('/v1/ivrs')).body;
		expect(ivrs.map((ivr: Json) => ivr.id)).toEqual([301, 302, 303]);
		expect(ivrs[0]).toMatchObject({
			recording: 'recording||28935',
			ivr_menu: [
				{ option: '1', destination_type: 'department', destination_id: '4201', sms_template_id: null, webhook_id: null },
				expect.any(Object),
				expect.any(Object),
			],
		});
		expect((await get('/v1/auto_attendants')).body[0]).toEqual({
			id: 601,
			name: 'welcome',
			description: expect.any(String),
			destination_type: 'department',
			destination_id: '4201',
		});
		expect((await get('/v1/timegroups')).body[0]).toEqual({
			id: 801,
			name: 'business hours',
			days: ['mon', 'tue', 'wed', 'thu', 'fri'],
			from_time: '09:00',
			to_time: '18:00',
		});
		expect((await get('/v1/roles')).body).toEqual([
			{ id: 1, name: 'Admin' },
			{ id: 2, name: 'Agent' },
			{ id: 3, name: 'Supervisor' },
			{ id: 4, name: 'Manager' },
		]);
	});

	it('creates a user with Laravel’s validation and Smartflo’s password policy, and lists it', async () => {
		const bad = await send('POST', '/v1/user', {
			name: 'X',
			number: '12',
			email: 'not-an-email',
			login_id: 'x',
			user_role: 9,
			password: 'short',
			caller_id: [1],
			create_agent: true,
		});
		expect(bad.status).toBe(422);
		expect(bad.body.errors).toEqual({
			status: ['The status field is required.'],
			number: ['The number format is invalid.'],
			email: ['The email must be a valid email address.'],
			user_role: ['The selected user role is invalid.'],
			caller_id: ['The selected caller id is invalid.'],
			password: ['The password must be at least 8 characters.'],
		});
		const created = await send('POST', '/v1/user', {
			name: 'Zoya Khan',
			number: '9811122233',
			email: 'zoya@example.in',
			login_id: 'zoya',
			user_role: 2,
			password: 'Str0ng!pass',
			caller_id: [3101],
			create_agent: true,
			status: true,
		});
		expect(created.body).toEqual({
			success: true,
			message: 'User created successfully',
			user_id: expect.any(Number),
			agent_id: expect.stringMatching(/^\d{13}$/),
		});
		const listed = (await get('/v1/users', { limit: 100 })).body.data;
		expect(listed[listed.length - 1]).toMatchObject({
			id: created.body.user_id,
			name: 'Zoya Khan',
			agent: { id: created.body.agent_id, follow_me_number: '+919811122233' },
		});
	});

	it('blocks and unblocks a user with PATCH block_agent', async () => {
		const [user] = (await get('/v1/users', { limit: 1 })).body.data;
		expect((await send('PATCH', `/v1/user/${user.id}`, { block_agent: true })).body).toEqual({
			success: true,
			message: 'User updated successfully',
		});
		expect((await get(`/v1/user/${user.id}`)).body.data).toMatchObject({ team_member: { status: 0 }, agent: { agent_status: 1 } });
		await send('PATCH', `/v1/user/${user.id}`, { block_agent: false });
		expect((await get(`/v1/user/${user.id}`)).body.data).toMatchObject({ team_member: { status: 1 }, agent: { agent_status: 0 } });
		expect((await send('PATCH', '/v1/user/1', { name: 'x' })).status).toBe(404);
	});

	it('routes a number to a type||id destination that exists; a malformed one is a 422, an unknown one success:false', async () => {
		expect((await send('PUT', '/v1/my_number/3102', { destination: 'ivr||302' })).body).toEqual({
			success: true,
			message: 'Number updated successfully',
		});
		expect((await get('/v1/my_number')).body.find((entry: Json) => entry.id === 3102).destination).toBe('ivr||302');
		expect((await send('PUT', '/v1/my_number/3102', { destination: 'ivr|302' })).body.errors).toEqual({
			destination: ['The destination format is invalid.'],
		});
		expect((await send('PUT', '/v1/my_number/3102', { destination: 'agent||0000000000000' })).body).toEqual({
			success: false,
			message: 'Destination not found',
		});
		expect((await send('PUT', '/v1/my_number/9', { name: 'x' })).status).toBe(404);
	});

	it('creates a department from parallel destination and timeout arrays', async () => {
		const agents = (await get('/v1/users', { limit: 2 })).body.data.map((user: Json) => user.agent.id);
		const created = await send('POST', '/v1/department', {
			name: 'renewals',
			destination: agents.map((id: string) => `extension||${id}`),
			timeout: [15, 25],
		});
		expect(created.body).toEqual({ success: true, message: 'Department created successfully', department_id: expect.any(Number) });
		const department = (await get('/v1/departments')).body.find((entry: Json) => entry.id === created.body.department_id);
		expect(department.agents.map((agent: Json) => agent.eid)).toEqual(agents);
		expect(
			(await send('POST', '/v1/department', { name: 'x', destination: [`extension||${agents[0]}`], timeout: [1, 2] })).body.errors,
		).toEqual({ timeout: ['The timeout must contain 1 items.'] });
	});

	it('call options: monitor needs agent_id, transfer agent_id or intercom; the call must be live and answered', async () => {
		const calls = (await get('/v1/live_calls')).body;
		const answered = calls.find((call: Json) => call.state === 'Answered');
		const ringing = calls.find((call: Json) => call.state === 'Ringing');
		expect((await send('POST', '/v1/call/options', { call_id: answered.call_id })).body.errors).toEqual({
			type: ['The type field is required.'],
		});
		expect((await send('POST', '/v1/call/options', { type: 1, call_id: answered.call_id })).body.errors).toEqual({
			agent_id: ['The agent id field is required when type is 1.'],
		});
		expect((await send('POST', '/v1/call/options', { type: 4, call_id: answered.call_id })).body.errors).toEqual({
			intercom: ['The intercom field is required when agent id is not present.'],
		});
		expect((await send('POST', '/v1/call/options', { type: 5, call_id: answered.call_id, agent_id: '1' })).body.errors).toEqual({
			type: ['The type must be between 1 and 4.'],
		});
		const other = (await get('/v1/users', { limit: 100 })).body.data.find(
			(user: Json) => user.id !== ringing.user_id && user.user_status === 1 && user.agent.status === 0,
		);
		expect((await send('POST', '/v1/call/options', { type: 2, call_id: ringing.call_id, agent_id: other.agent.id })).body).toEqual({
			success: false,
			message: 'Call is not answered yet',
		});
	});

	it('schedules callbacks and lists them in an IST range, answering { ok, message, data }; refusals are ok:false with HTTP 200', async () => {
		const [agent] = (await get('/v1/users', { limit: 1 })).body.data;
		const due = istWallClock(Date.now() + 2 * 86_400_000).slice(0, 11) + '15:30:00';
		const scheduled = await send('POST', '/v1/dialer/schedule_call/', {
			customer_number: '9876543210',
			schedule_date_time: due,
			assigned_to: agent.agent.id,
		});
		expect(scheduled.body).toMatchObject({
			ok: true,
			message: 'Callback scheduled successfully',
			data: { schedule_date_time: due, status: 0 },
		});
		expect((await get('/v1/dialer/schedule_call', { from_date: due, to_date: due })).body).toEqual({
			ok: true,
			message: expect.any(String),
			data: [scheduled.body.data],
		});
		const past = await send('POST', '/v1/dialer/schedule_call', {
			customer_number: '9876543210',
			schedule_date_time: '2020-01-01 10:00:00',
			assigned_to: agent.agent.id,
		});
		expect([past.status, past.body]).toEqual([200, { ok: false, message: 'The schedule date time must be a date after now.' }]);
		const backwards = await get('/v1/dialer/schedule_call', { from_date: '2026-09-22 00:00:00', to_date: '2026-09-21 00:00:00' });
		expect([backwards.status, backwards.body]).toEqual([
			200,
			{ ok: false, message: 'The to date must be a date after or equal to from date.' },
		]);
		expect((await get('/v1/dialer/schedule_call', { from_date: '2026-09-21 00:00:00' })).body.errors).toEqual({
			to_date: ['The to date field is required.'],
		});
	});

	it('serves a recording behind its pre-signed link without a token; a wrong token is a 403, an unknown call a 404', async () => {
		const [record] = (await get('/v1/call/records', { call_type: 'c', limit: 1 })).body.results;
		const download = await fetch(record.recording_url);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('audio/mpeg');
		const bytes = Buffer.from(await download.arrayBuffer());
		expect(bytes.subarray(0, 3).toString('latin1')).toBe('ID3');
		expect(bytes.length).toBe(10 + Math.min(512 * 1024, Math.max(417, record.answered_seconds * 1024)));
		expect(Buffer.from(await (await fetch(record.recording_url)).arrayBuffer()).equals(bytes)).toBe(true);
		const url = new URL(record.recording_url);
		url.searchParams.set('token', 'x'.repeat(40));
		expect((await fetch(url)).status).toBe(403);
		url.searchParams.set('callId', 'unknown');
		expect((await fetch(url)).status).toBe(404);
	});
});
