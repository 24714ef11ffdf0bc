import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, type Json } from './helpers';

describe('GET /v1/users and /v1/user/{id}', () => {
	let sandbox: SandboxHandle;
	let token: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ maxPageSize: 4, seed: { users: 10 } });
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	const users = (query: Record<string, string | number> = {}) => request(sandbox.url, '/v1/users', { token, query });

	async function collect(query: Record<string, string | number> = {}): Promise<{ pages: Json[]; data: Json[] }> {
		const pages: Json[] = [];
		let cursor: number | undefined;
		do {
			const page = (await users({ ...query, ...(cursor === undefined ? {} : { last_seen_id: cursor }) })).body;
			pages.push(page);
			cursor = page.last_seen_id;
		} while (pages[pages.length - 1].has_more);
		return { pages, data: pages.flatMap((page) => page.data) };
	}

	it('answers {has_more, count, last_seen_id, data} with users in the documented shape', async () => {
		const response = await users();
		expect(response.status).toBe(200);
		const { body } = response;
		expect(Object.keys(body)).toEqual(['has_more', 'count', 'last_seen_id', 'data']);
		expect(body.data[0]).toEqual({
			id: expect.any(Number),
			name: expect.any(String),
			agent: {
				id: expect.stringMatching(/^\d{13}$/),
				name: body.data[0].name,
				status: expect.any(Number),
				follow_me_number: expect.stringMatching(/^\+91[6-9]\d{9}$/),
			},
			login_id: expect.any(String),
			is_login_based_calling_enabled: expect.any(Boolean),
			is_international_outbound_enabled: expect.any(Boolean),
			user_role: { id: 1, name: 'Admin' },
			extension: body.data[0].extension,
			user_status: 1,
		});
	});

	it('walks every user exactly once with the last_seen_id cursor under a small page cap', async () => {
		const { pages, data } = await collect({ limit: 100 });
		expect(pages.map((page) => page.count)).toEqual([4, 4, 2]);
		expect(pages.map((page) => page.has_more)).toEqual([true, true, false]);
		for (const page of pages) expect(page.last_seen_id).toBe(page.data[page.data.length - 1].id);
		const ids = data.map((user) => user.id);
		expect(ids).toHaveLength(10);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		expect(new Set(ids).size).toBe(10);
		expect(new Set(data.map((user) => user.agent.id)).size).toBe(10);
	});

	it('honours a limit below the cap', async () => {
		const page = (await users({ limit: 3 })).body;
		expect(page).toMatchObject({ count: 3, has_more: true });
	});

	it('answers an exhausted cursor with an empty page', async () => {
		const { data } = await collect();
		const response = await users({ last_seen_id: data[data.length - 1].id });
		expect(response.body).toEqual({ has_more: false, count: 0, last_seen_id: null, data: [] });
	});

	it.each([
		['is_extension_created', (user: Json) => user.extension !== null],
		['is_login_based_calling', (user: Json) => user.is_login_based_calling_enabled],
		['is_international_calling', (user: Json) => user.is_international_outbound_enabled],
	])('filters %s=true/false', async (flag, test) => {
		const { data: everyone } = await collect();
		for (const [value, wanted] of [
			['true', true],
			['0', false],
		] as const) {
			const { data } = await collect({ [flag]: value });
			expect(data).toEqual(everyone.filter((user) => Boolean(test(user)) === wanted));
		}
	});

	it('filters is_web_login and user_status, which partition the users', async () => {
		for (const flag of ['is_web_login', 'user_status']) {
			const on = (await collect({ [flag]: 1 })).data.length;
			const off = (await collect({ [flag]: 0 })).data.length;
			expect(on + off).toBe(10);
		}
		const blocked = (await collect({ user_status: 0 })).data;
		expect(blocked.every((user) => user.user_status === 0)).toBe(true);
	});

	it.each([
		[{ limit: 0 }, { limit: ['The limit must be at least 1.'] }],
		[{ last_seen_id: 'abc' }, { last_seen_id: ['The last seen id must be an integer.'] }],
		[{ is_web_login: 'maybe' }, { is_web_login: ['The is web login field must be true or false.'] }],
		[{ user_status: 5 }, { user_status: ['The selected user status is invalid.'] }],
	])('answers %p with the validation envelope', async (query, errors) => {
		const response = await users(query);
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual(errors);
	});

	it('fetches one user in the single-user shape', async () => {
		const listed = (await users()).body.data[1];
		const response = await request(sandbox.url, `/v1/user/${listed.id}`, { token });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			data: {
				id: listed.id,
				name: listed.name,
				number: listed.agent.follow_me_number,
				team_member: {
					designation: expect.any(String),
					email: expect.stringMatching(/^[a-z0-9.]+@sandboxretail\.test$/),
					login_id: listed.login_id,
					status: listed.user_status,
					role: listed.user_role.name,
					is_login_based_calling: Number(listed.is_login_based_calling_enabled),
					is_web_login_block: expect.any(Number),
					users_for_cdr: expect.any(String),
				},
				agent: {
					id: listed.agent.id,
					intercom: expect.stringMatching(/^\d{4}$/),
					number: listed.agent.follow_me_number,
					agent_status: listed.agent.status,
					extension: { username: listed.extension, outbound_block: expect.any(Number) },
					sticky_Agent: expect.any(Number),
					time_group: null,
					failover_destination: null,
					is_international_outbound_enabled: listed.is_international_outbound_enabled,
				},
			},
		});
	});

	it.each(['1', 'abc', '62501.5'])('answers the unknown user %p with 404', async (id) => {
		const response = await request(sandbox.url, `/v1/user/${id}`, { token });
		expect(response.status).toBe(404);
		expect(response.body).toEqual({ success: false, message: 'User not found' });
	});
});
