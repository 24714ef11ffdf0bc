import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { ENOUGH_RESULTS, MAX_PAGES_PER_SEARCH, MAX_UNPAGED_RESULTS } from '../../nodes/Smartflo/methods/choices';
import {
	searchAgents,
	searchAutoAttendants,
	searchBroadcasts,
	searchCallerIds,
	searchDepartments,
	searchIvrs,
	searchLeadLists,
	searchMyNumbers,
	searchUsers,
} from '../../nodes/Smartflo/methods/listSearch';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { asLoadOptions, createExecuteContext } from '../helpers/n8n-execute';
import { sandboxGet, sandboxSend } from './fixtures';
import { node, passwordCredential, tokenCredential } from './harness';

const USERS = 120;
const PAGE_CAP = 10;

let sandbox: SandboxHandle;
let users: Array<{ id: number; name: string; login_id: string; agent: { id: string; follow_me_number: string } }>;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: USERS, callRecords: 0, liveCalls: 0 } });
	users = ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: typeof users }).data;
	users.push(...((await sandboxGet(sandbox, `/v1/users?limit=100&last_seen_id=${users[99].id}`)) as { data: typeof users }).data);
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.configure({ maxPageSize: 100 });
	sandbox.resetStats();
});

const context = (baseUrl = sandbox.url, store = passwordCredential(baseUrl)) =>
	asLoadOptions(createExecuteContext({ description: node.description, store, parameters: {} }).context);
const requests = (path: string) => sandbox.stats().byPath[path] ?? 0;
const values = (result: INodeListSearchResult) => result.results.map((entry) => entry.value);

describe('searching a list Smartflo pages (users, by cursor)', () => {
	it('reads a page at a time, at most 5 pages per search, and goes on from the token it returned', async () => {
		sandbox.configure({ maxPageSize: PAGE_CAP });
		const seen: unknown[] = [];
		const searches: INodeListSearchResult[] = [];
		let token: string | undefined;
		do {
			sandbox.resetStats();
			const result = await searchAgents.call(context(), undefined, token);
			expect(requests('GET /v1/users')).toBeLessThanOrEqual(MAX_PAGES_PER_SEARCH);
			searches.push(result);
			seen.push(...values(result));
			token = result.paginationToken;
		} while (token !== undefined && searches.length < 10);
		expect(searches.map((result) => result.results.length)).toEqual([50, 50, 20]);
		expect(seen).toEqual(users.map((user) => user.agent.id));
		expect(searches[0].results[0]).toEqual({ name: `${users[0].name} (${users[0].agent.id})`, value: users[0].agent.id });
	});

	it('stops reading once it has enough matches, a whole page of them when nothing is typed', async () => {
		const result = await searchUsers.call(context());
		expect(requests('GET /v1/users')).toBe(1);
		expect(result.results).toHaveLength(100);
		expect(result.results.length).toBeGreaterThanOrEqual(ENOUGH_RESULTS);
		expect(result.results[0]).toEqual({ name: `${users[0].name} (${users[0].id})`, value: String(users[0].id) });
		expect(result.paginationToken).toBe(String(users[99].id));
		const rest = await searchUsers.call(context(), '', result.paginationToken);
		expect(values(rest)).toEqual(users.slice(100).map((user) => String(user.id)));
		expect(rest.paginationToken).toBeUndefined();
	});

	it('filters by name (any case), agent ID or follow-me number, however the number is spelt', async () => {
		const target = users[37];
		const firstName = target.name.split(' ')[0];
		const byName = await searchAgents.call(context(), firstName.toUpperCase());
		expect(values(byName)).toContain(target.agent.id);
		expect(byName.results.every((entry) => entry.name.toLowerCase().includes(firstName.toLowerCase()))).toBe(true);
		expect(values(await searchAgents.call(context(), target.agent.id))).toEqual([target.agent.id]);
		const mobile = target.agent.follow_me_number.replace(/\D/g, '').slice(-10);
		const spelt = `+91 ${mobile.slice(0, 5)} ${mobile.slice(5)}`;
		expect(values(await searchAgents.call(context(), spelt))).toEqual([target.agent.id]);
		expect((await searchAgents.call(context(), 'no such agent anywhere')).results).toEqual([]);
	});

	it('is bounded: a search with few matches reads at most 5 pages and says where to go on', async () => {
		sandbox.configure({ maxPageSize: PAGE_CAP });
		const result = await searchUsers.call(context(), users[115].name);
		expect(requests('GET /v1/users')).toBe(MAX_PAGES_PER_SEARCH);
		expect(result.paginationToken).toBe(String(users[49].id));
		const found = [...values(result)];
		let token = result.paginationToken;
		let searches = 1;
		while (token !== undefined && searches < 10) {
			const next = await searchUsers.call(context(), users[115].name, token);
			found.push(...values(next));
			token = next.paginationToken;
			searches++;
		}
		// 120 users in pages of 10: 12 pages, read 5, 5 and 2 at a time.
		expect(searches).toBe(3);
		expect(found).toContain(String(users[115].id));
	});

	it('cuts a very long filter, and starts over on a token that is not one of its own', async () => {
		const long = await searchAgents.call(context(), `${users[3].name}${'x'.repeat(10_000)}`);
		expect(long.results).toEqual([]);
		expect(values(await searchUsers.call(context(), undefined, '../../etc'))).toEqual(values(await searchUsers.call(context())));
	});
});

describe('searching a list Smartflo pages by number (broadcasts)', () => {
	it('goes on from the next page number', async () => {
		for (let index = 0; index < 7; index++) {
			const lists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[];
			const { ivrs } = (await sandboxGet(sandbox, '/v1/ivrs')) as { ivrs: IDataObject[] };
			await sandboxSend(sandbox, 'POST', '/v1/broadcast', {
				name: `search broadcast ${index}`,
				phone_number_list: String(lists[0].id),
				destination: `ivr||${ivrs[0].id}`,
			});
		}
		const all = ((await sandboxGet(sandbox, '/v2/broadcasts?limit=100')) as { data: IDataObject[] }).data;
		expect(all).toHaveLength(10);
		sandbox.configure({ maxPageSize: 1 });
		sandbox.resetStats();
		const first = await searchBroadcasts.call(context());
		expect([first.results.length, first.paginationToken, requests('GET /v2/broadcasts')]).toEqual([5, '6', 5]);
		const second = await searchBroadcasts.call(context(), undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect([...values(first), ...values(second)]).toEqual(all.map((broadcast) => String(broadcast.id)));
		sandbox.configure({ maxPageSize: 100 });
		expect(values(await searchBroadcasts.call(context(), 'SEARCH BROADCAST 6'))).toEqual([String(all[9].id)]);
	});
});

describe('searching a list Smartflo answers whole', () => {
	it.each([
		['departments', searchDepartments, '/v1/departments', (body: unknown) => body as IDataObject[]],
		['IVRs', searchIvrs, '/v1/ivrs', (body: unknown) => (body as { ivrs: IDataObject[] }).ivrs],
		['auto attendants', searchAutoAttendants, '/v1/auto_attendants', (body: unknown) => body as IDataObject[]],
		['lead lists', searchLeadLists, '/v1/broadcast/lists', (body: unknown) => body as IDataObject[]],
	])('%s: by name, valued by ID, in one request, filtered by name or ID', async (_what, search, path, recordsOf) => {
		const records = recordsOf(await sandboxGet(sandbox, path));
		sandbox.resetStats();
		const all = await search.call(context());
		expect(sandbox.stats().apiRequests).toBe(1);
		expect(all.paginationToken).toBeUndefined();
		expect(all.results).toHaveLength(records.length);
		expect(all.results).toEqual(expect.arrayContaining(records.map((record) => ({ name: record.name, value: String(record.id) }))));
		const names = all.results.map((entry) => entry.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const [record] = records;
		expect(values(await search.call(context(), String(record.name).slice(1, 6).toUpperCase()))).toContain(String(record.id));
		expect(values(await search.call(context(), String(record.id)))).toContain(String(record.id));
	});

	it('numbers: by the DID for caller IDs, by the number’s ID for number updates; found by any spelling of the number', async () => {
		const numbers = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
		const [number] = numbers;
		const did = String(number.did);
		expect(values(await searchCallerIds.call(context()))).toEqual(expect.arrayContaining(numbers.map((entry) => entry.did)));
		const spelt = `+${did.slice(0, 2)} ${did.slice(2, 6)}-${did.slice(6)}`;
		expect((await searchCallerIds.call(context(), spelt)).results).toEqual([{ name: `${did} (${number.alias})`, value: did }]);
		expect((await searchMyNumbers.call(context(), spelt)).results).toEqual([
			{ name: `${did} (${number.alias})`, value: String(number.id) },
		]);
		expect((await searchMyNumbers.call(context(), String(number.alias).toUpperCase())).results[0].value).toBe(String(number.id));
	});

	it(`shows at most ${MAX_UNPAGED_RESULTS} matches of a long list, narrowed by typing`, async () => {
		const departments = Array.from({ length: 1200 }, (_, index) => ({ id: 1000 + index, name: `Team ${String(index).padStart(4, '0')}` }));
		const server = await startFakeServer(() => ({ status: 200, body: departments }));
		try {
			const fake = context(server.url, tokenCredential(server.url, jwtExpiringIn(3600)));
			const all = await searchDepartments.call(fake);
			expect(all.results).toHaveLength(MAX_UNPAGED_RESULTS);
			expect(all.results[0]).toEqual({ name: 'Team 0000', value: '1000' });
			expect(values(await searchDepartments.call(fake, 'team 1199'))).toEqual(['2199']);
			expect(server.requests.every((request) => request.path === '/v1/departments')).toBe(true);
		} finally {
			await server.close();
		}
	});

	it('reports Smartflo’s refusal as the node’s errors do', async () => {
		sandbox.injectFault({ type: 'serverError', status: 503, match: '/v1/ivrs' });
		await expect(searchIvrs.call(context())).rejects.toThrow(/503|Smartflo/);
	});
});
