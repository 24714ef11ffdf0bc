import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { sandboxGet } from './fixtures';
import { jsonOf, passwordCredential, runNode, runNodeError } from './harness';

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
const run = (parameters: IDataObject) =>
	runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'user', ...parameters } });

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
		const error = await runNodeError({ store: passwordCredential(sandbox.url), parameters: { resource: 'user', operation: 'get', userId: '1' } });
		expect(error.message).toBe('Smartflo could not find it: User not found (HTTP 404)');
		expect(error.httpCode).toBe('404');
	});
});
