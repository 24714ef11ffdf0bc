import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { forResource, jsonOf } from './harness';

const USERS = 23;

let sandbox: SandboxHandle;
let allUsers: IDataObject[] = [];
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: USERS, callRecords: 0, liveCalls: 0 } });
	allUsers = ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: IDataObject[] }).data;
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.configure({ maxPageSize: 100 });
	sandbox.resetStats();
});

const requests = () => sandbox.stats().byPath['GET /v1/users'] ?? 0;
const { run, fail } = forResource('user', () => sandbox.url);

describe('User → Get Many', () => {
	it('follows last_seen_id across pages until has_more is false', async () => {
		sandbox.configure({ maxPageSize: 10 });
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(jsonOf(output).map((user) => user.id)).toEqual(allUsers.map((user) => user.id));
		expect(output).toHaveLength(USERS);
		expect(requests()).toBe(3);
		expect(output[0].json).toMatchObject({ agent: { id: expect.stringMatching(/^\d{13}$/) } });
	});

	it('asks for no more than the limit', async () => {
		sandbox.configure({ maxPageSize: 10 });
		const { output } = await run({ operation: 'getMany', limit: 12 });
		expect(jsonOf(output).map((user) => user.id)).toEqual(allUsers.slice(0, 12).map((user) => user.id));
		// 10, then the 2 still wanted.
		expect(requests()).toBe(2);
	});

	it('sends the yes/no filters as 1 and 0, which Smartflo (Laravel) accepts', async () => {
		const withExtension = jsonOf((await run({ operation: 'getMany', returnAll: true, filters: { isExtensionCreated: true } })).output);
		const withoutExtension = jsonOf((await run({ operation: 'getMany', returnAll: true, filters: { isExtensionCreated: false } })).output);
		expect(withExtension.every((user) => user.extension !== null)).toBe(true);
		expect(withoutExtension.every((user) => user.extension === null)).toBe(true);
		expect(withExtension.length + withoutExtension.length).toBe(USERS);
	});

	it('filters by status', async () => {
		const blocked = jsonOf((await run({ operation: 'getMany', returnAll: true, filters: { userStatus: '0' } })).output);
		expect(blocked.every((user) => user.user_status === 0)).toBe(true);
		expect(blocked.length).toBe(allUsers.filter((user) => user.user_status === 0).length);
	});
});

describe('User → Get', () => {
	it('returns the user record itself, not Smartflo’s { data } wrapper', async () => {
		const { output } = await run({ operation: 'get', userId: ` ${allUsers[3].id} ` });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: allUsers[3].id, team_member: expect.any(Object), agent: expect.any(Object) });
		expect(output[0].json).not.toHaveProperty('data');
	});

	it('says when the user does not exist', async () => {
		const error = await fail({ operation: 'get', userId: '1' });
		expect(error.message).toBe('Smartflo could not find it: User not found (HTTP 404)');
		expect(error.httpCode).toBe('404');
	});
});

describe('User → Create', () => {
	const base = (extra: IDataObject = {}): IDataObject => ({
		operation: 'create',
		name: 'Meera Iyer',
		number: '+919812300001',
		email: 'meera.iyer@sandboxretail.test',
		loginId: 'meera.iyer',
		role: '2',
		password: 'Welcome@2026',
		callerIds: ['3101', '3102'],
		...extra,
	});

	it('creates the user and its agent with every required field; the new user is listed', async () => {
		const { output } = await run(base({ additionalFields: { departments: ['4201'], assignExtension: true } }));
		expect(output[0].json).toEqual({
			success: true,
			message: 'User created successfully',
			user_id: expect.any(Number),
			agent_id: expect.stringMatching(/^\d{13}$/),
		});
		expect(JSON.stringify(output)).not.toContain('Welcome@2026');
		const created = ((await sandboxGet(sandbox, `/v1/user/${output[0].json.user_id}`)) as { data: IDataObject }).data;
		expect(created).toMatchObject({
			name: 'Meera Iyer',
			number: '+919812300001',
			team_member: { email: 'meera.iyer@sandboxretail.test', login_id: 'meera.iyer', status: 1, role: 'Agent' },
		});
		expect((created.agent as IDataObject).extension).toEqual({ username: expect.any(String), outbound_block: 0 });
	});

	it.each([
		[{ callerIds: [] }, 'Caller ID Numbers is required'],
		[{ role: '' }, 'Role is required'],
		[{ callerIds: ['first'] }, 'Caller ID Numbers must be a list of whole numbers'],
	])('refuses %j before calling Smartflo', async (extra, message) => {
		sandbox.resetStats();
		const error = await fail(base(extra));
		expect(error.message).toBe(message);
		expect(sandbox.stats().byPath['POST /v1/user']).toBeUndefined();
	});

	it('reports Smartflo’s validation field by field: the password policy, a taken email, an unknown number ID', async () => {
		const taken = ((await sandboxGet(sandbox, `/v1/user/${allUsers[0].id}`)) as { data: { team_member: { email: string } } }).data
			.team_member.email;
		const error = await fail(
			base({ email: taken, password: 'welcome2026', callerIds: ['1'], loginId: 'someone.new', number: '+919812300002' }),
		);
		expect(error.message).toBe('Smartflo rejected the parameters: The given data was invalid.');
		expect(error.description).toBe(
			'email: The email has already been taken.; caller_id: The selected caller id is invalid.; password: The password format is invalid.',
		);
		expect(error.description).not.toContain('welcome2026');
	});

	it('passes on Smartflo’s refusal of a number another user has', async () => {
		const error = await fail(
			base({ number: String((allUsers[1].agent as IDataObject).follow_me_number), email: 'new.one@example.in', loginId: 'new.one' }),
		);
		expect(error.message).toBe('Smartflo refused the request: Number is already assigned to another user');
		expect(error.httpCode).toBe('200');
	});
});

describe('User → Update', () => {
	const update = (userId: unknown, updateFields: IDataObject) => run({ operation: 'update', userId: String(userId), updateFields });
	const detail = async (userId: unknown) => ((await sandboxGet(sandbox, `/v1/user/${userId}`)) as { data: IDataObject }).data;

	it('blocks and unblocks a user and their agent', async () => {
		const user = allUsers.find((entry) => entry.user_status === 1 && (entry.agent as IDataObject).status === 0) as IDataObject;
		expect((await update(user.id, { blocked: true })).output[0].json).toEqual({ success: true, message: 'User updated successfully' });
		expect(await detail(user.id)).toMatchObject({ team_member: { status: 0 }, agent: { agent_status: 1 } });
		await update(user.id, { blocked: false });
		expect(await detail(user.id)).toMatchObject({ team_member: { status: 1 }, agent: { agent_status: 0 } });
	});

	it('changes the fields given and nothing else', async () => {
		const user = allUsers[2];
		const before = await detail(user.id);
		await update(user.id, { designation: 'Team Lead', role: '3', internationalOutbound: true });
		const after = await detail(user.id);
		expect(after).toMatchObject({
			name: before.name,
			number: before.number,
			team_member: { designation: 'Team Lead', role: 'Supervisor' },
			agent: { is_international_outbound_enabled: true },
		});
	});

	it('refuses a role that is not a whole number before calling Smartflo, as User → Create does', async () => {
		sandbox.resetStats();
		const error = await fail({ operation: 'update', userId: String(allUsers[2].id), updateFields: { role: 'Supervisor' } });
		expect(error.message).toBe('Role must be a whole number');
		expect(sandbox.stats().byPath['PATCH /v1/user/{id}']).toBeUndefined();
	});

	it('refuses an update with nothing in it; an unknown user is Smartflo’s 404', async () => {
		expect((await fail({ operation: 'update', userId: '62501', updateFields: {} })).message).toBe('Nothing to update');
		const error = await fail({ operation: 'update', userId: '1', updateFields: { name: 'Nobody' } });
		expect(error.message).toBe('Smartflo could not find it: User not found (HTTP 404)');
	});
});
