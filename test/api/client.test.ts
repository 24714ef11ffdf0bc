import type { ApiAuth, SmartfloApiClientOptions } from '../../src/api/client';
import { SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';
import { SmartfloError, TokenSession, type SmartfloRuntime } from '../../src/auth';
import { createUndiciTransport } from '../../graphql/runtime/undici-transport';
import { SmartfloApiClient, SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { firstUser, sandboxGet } from '../nodes/fixtures';
import type { Json } from '../sandbox/helpers';

const { call, callRecord, user, myNumber, department, routing, broadcast, lead, dialer } = SMARTFLO_ENDPOINTS;
const DAY_MS = 86_400_000;
const PAGE_CAP = 10;

let sandbox: SandboxHandle;
const transport = createUndiciTransport();
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 25, callRecords: 34, liveCalls: 4 }, maxPageSize: PAGE_CAP });
});
afterAll(async () => {
	await transport.close();
	await sandbox.close();
});
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.resetStats();
});

const authClient = () => new SmartfloAuthClient({ baseUrl: sandbox.url, transport, retries: 0 });
const sessionAuth = (): ApiAuth => ({ session: new TokenSession({ client: authClient(), ...DEMO_ACCOUNT }) });
const client = (auth: ApiAuth = sessionAuth(), options: Partial<SmartfloApiClientOptions & SmartfloRuntime> = {}) =>
	new SmartfloApiClient({ baseUrl: sandbox.url, transport, auth, ...options });
const failure = async (promise: Promise<unknown>): Promise<SmartfloError> => {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(SmartfloError);
	return error as SmartfloError;
};
const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);
/** What the sandbox answers in one page, its page cap lifted. */
async function uncapped(path: string): Promise<Json> {
	sandbox.configure({ maxPageSize: 10_000 });
	try {
		return await sandboxGet(sandbox, path);
	} finally {
		sandbox.configure({ maxPageSize: PAGE_CAP });
	}
}

describe('a call per catalogue area, with a session', () => {
	let api: SmartfloApiClient;
	beforeAll(() => {
		api = client();
	});

	it('call: click to call, then hang the call up', async () => {
		const { agentId } = await firstUser(sandbox);
		const placed = await api.call(call.clickToCall, {
			agent_number: agentId,
			destination_number: '+919876543210',
			async: 1,
			get_call_id: 1,
		});
		expect(placed).toMatchObject({ success: true, call_id: expect.any(String) });
		const live = await api.list(call.liveCalls, { call_id: placed.call_id });
		expect(live.items.map((entry) => entry.call_id)).toEqual([placed.call_id]);
		await expect(api.call(call.hangUp, { call_id: placed.call_id })).resolves.toMatchObject({ success: true });
	});

	it('callRecord: the newest records, up to a limit', async () => {
		const { items, hasMore } = await api.list(callRecord.getMany, {}, { limit: 3 });
		const direct = (await sandboxGet(sandbox, '/v1/call/records?limit=3')) as { results: unknown[] };
		expect(items).toEqual(direct.results);
		expect(hasMore).toBe(true);
	});

	it('user: one user, as a record', async () => {
		const { userId } = await firstUser(sandbox);
		const record = await api.call(user.get, { id: userId });
		expect(record).toEqual(((await sandboxGet(sandbox, `/v1/user/${userId}`)) as { data: unknown }).data);
	});

	it('myNumber, department and routing: their bare lists', async () => {
		for (const [endpoint, path] of [
			[myNumber.getMany, '/v1/my_number'],
			[department.getMany, '/v1/departments'],
			[routing.autoAttendants, '/v1/auto_attendants'],
		] as const) {
			const { items, hasMore } = await api.list(endpoint);
			expect(items).toEqual(await sandboxGet(sandbox, path));
			expect(hasMore).toBe(false);
		}
		const { items: ivrs } = await api.list(routing.ivrs);
		expect(ivrs).toEqual(((await sandboxGet(sandbox, '/v1/ivrs')) as { ivrs: unknown[] }).ivrs);
	});

	it('broadcast and lead: the lead lists, a list’s leads, one lead added, a broadcast', async () => {
		const lists = (await api.list(lead.lists)).items;
		const list = lists.find((entry) => (entry.lead_count as number) > 0)!;
		const before = (await api.list(lead.getMany, { id: list.id })).items;
		expect(before).toHaveLength(list.lead_count as number);
		await expect(api.call(lead.add, { id: list.id, field_0: '9812345670', field_1: 'Asha' })).resolves.toMatchObject({ success: true });
		expect((await api.list(lead.getMany, { id: list.id })).items).toHaveLength(before.length + 1);
		const [first] = (await api.list(broadcast.getMany, {}, { limit: 1 })).items;
		await expect(api.call(broadcast.get, { id: first.id })).resolves.toMatchObject({ id: first.id });
	});

	it('dialer: the callbacks of a date range, dates given as ISO instants', async () => {
		const { items } = await api.list(dialer.callbacks, {
			from_date: new Date(Date.now() - 7 * DAY_MS).toISOString(),
			to_date: new Date(Date.now() + 10 * DAY_MS).toISOString(),
		});
		expect(items.length).toBeGreaterThan(5);
	});

	it('Click to Call Support takes its API key and sends no token', async () => {
		const result = await api.call(call.clickToCallSupport, { customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY, async: 1 });
		expect(result).toMatchObject({ success: true });
		// The sandbox refuses a bearer header on this endpoint; the session never had to log in.
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, apiRequests: 1 });
	});
});

describe('paging', () => {
	let api: SmartfloApiClient;
	beforeAll(() => {
		api = client();
	});
	let allUsers: unknown[] = [];
	beforeAll(async () => {
		allUsers = (await uncapped('/v1/users?limit=1000')).data;
	});

	it('cursor paging: all users, across pages of the size Smartflo allows', async () => {
		const { items, hasMore } = await api.list(user.getMany);
		expect(items).toEqual(allUsers);
		expect(hasMore).toBe(false);
		expect(sandbox.stats().byPath['GET /v1/users']).toBe(Math.ceil(allUsers.length / PAGE_CAP));
	});

	it('cursor paging: up to a limit, asking only for what is still wanted', async () => {
		const { items, hasMore } = await api.list(user.getMany, {}, { limit: 13 });
		expect(items).toEqual(allUsers.slice(0, 13));
		expect(hasMore).toBe(true);
		expect(sandbox.stats().byPath['GET /v1/users']).toBe(2);
	});

	it('cursor paging, one page at a time: each nextCursor gives the next page, the last has none', async () => {
		const seen: unknown[] = [];
		let cursor: string | undefined;
		for (let pages = 0; pages < 20; pages++) {
			const page = await api.page(user.getMany, {}, { pageSize: 7, cursor });
			seen.push(...page.items);
			expect(page.items.length).toBeLessThanOrEqual(7);
			if (!page.hasMore) {
				expect(page.nextCursor).toBeUndefined();
				break;
			}
			cursor = page.nextCursor;
			expect(cursor).toEqual(expect.any(String));
		}
		expect(seen).toEqual(allUsers);
	});

	it('cursor paging with Smartflo’s other has-more field (the DND list)', async () => {
		const direct = await uncapped('/v1/broadcast/dnd/leads?limit=100');
		const { items } = await api.list(lead.dnd);
		expect(ids(items)).toEqual(ids(direct.data));
		const second = await api.page(lead.dnd, {}, { cursor: (await api.page(lead.dnd)).nextCursor });
		expect(ids(second.items)).toEqual(ids(direct.data.slice(PAGE_CAP, 2 * PAGE_CAP)));
	});

	it('page paging: all call records, the count ending it without an empty page', async () => {
		const direct = await uncapped('/v1/call/records?limit=1000');
		const { items, hasMore } = await api.list(callRecord.getMany);
		expect(items).toEqual(direct.results);
		expect(hasMore).toBe(false);
		expect(sandbox.stats().byPath['GET /v1/call/records']).toBe(Math.ceil(direct.count / PAGE_CAP) + 1);
	});

	it('page paging, one page at a time: page 2 of 5 records, its total, the next page number', async () => {
		const direct = await uncapped('/v1/call/records?limit=1000');
		const page = await api.page(callRecord.getMany, {}, { page: 2, pageSize: 5 });
		expect(page).toEqual({ items: direct.results.slice(5, 10), hasMore: true, nextPage: 3, total: direct.count });
		const last = await api.page(callRecord.getMany, {}, { page: Math.ceil(direct.count / 5), pageSize: 5 });
		expect(last.hasMore).toBe(false);
		expect(last.nextPage).toBeUndefined();
	});

	it('an unpaged list as one page, cut to the page size, with no next position', async () => {
		const all = (await api.list(myNumber.getMany)).items;
		expect(await api.page(myNumber.getMany, {}, { pageSize: 1 })).toEqual({ items: all.slice(0, 1), hasMore: true });
		expect(await api.page(myNumber.getMany)).toEqual({ items: all, hasMore: false });
	});

	it('refuses paging input that does not fit the list, before sending', async () => {
		for (const [promise, field] of [
			[api.page(user.getMany, {}, { page: 2 }), 'page'],
			[api.page(callRecord.getMany, {}, { cursor: '12' }), 'cursor'],
			[api.page(callRecord.getMany, {}, { page: 0 }), 'page'],
			[api.page(user.getMany, {}, { pageSize: 2.5 }), 'pageSize'],
			[api.list(user.getMany, {}, { limit: -1 }), 'limit'],
		] as const) {
			expect(await failure(promise)).toMatchObject({ code: 'INVALID_INPUT', field });
		}
		expect(sandbox.stats().apiRequests).toBe(0);
	});
});

describe('a server that ignores the paging parameters', () => {
	let server: FakeServer;
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(() => server.close());
	beforeEach(() => server.requests.splice(0));
	const api = (maxPagesPerList?: number) =>
		new SmartfloApiClient({ baseUrl: server.url, transport, auth: { token: 'opaque-token' }, maxPagesPerList });

	it('page paging: stops at maxPagesPerList and says there is more', async () => {
		server.reply(() => ({ status: 200, body: { count: 1_000_000, limit: 2, results: [{ id: 'a' }, { id: 'b' }] } }));
		const { items, hasMore } = await api(5).list(callRecord.getMany);
		expect(items).toHaveLength(10);
		expect(hasMore).toBe(true);
		expect(server.requests).toHaveLength(5);
	});

	it('cursor paging: stops when the cursor does not move', async () => {
		server.reply(() => ({ status: 200, body: { has_more: true, last_seen_id: 7, data: [{ id: 7 }] } }));
		const { items } = await api().list(user.getMany);
		expect(ids(items)).toEqual([7, 7]);
		expect(server.requests).toHaveLength(2);
		const page = await api().page(user.getMany, {}, { cursor: '7' });
		expect(page).toEqual({ items: [{ id: 7 }], hasMore: false });
	});
});

describe('refusals', () => {
	let api: SmartfloApiClient;
	beforeAll(() => {
		api = client();
	});

	it('success: false with HTTP 200 → REFUSED, with Smartflo’s words apart from the message', async () => {
		const error = await failure(api.call(broadcast.stop, { id: '999999' }));
		expect(error).toMatchObject({ code: 'REFUSED', status: 200, upstreamMessage: expect.stringMatching(/not found/i) });
		expect(error.message).toBe('Smartflo refused the request (HTTP 200, success: false).');
		expect(error.upstreamBody).toMatchObject({ success: false });
	});

	it('ok: false (the callback endpoints) → REFUSED naming the flag', async () => {
		const { agentId } = await firstUser(sandbox);
		const error = await failure(
			api.call(dialer.scheduleCallback, {
				customer_number: '9876543210',
				schedule_date_time: new Date(Date.now() - DAY_MS).toISOString(),
				assigned_to: agentId,
			}),
		);
		expect(error).toMatchObject({ code: 'REFUSED', status: 200, message: 'Smartflo refused the request (HTTP 200, ok: false).' });
	});

	it('HTTP 422 → VALIDATION_FAILED with the messages per field', async () => {
		const [number] = (await api.list(myNumber.getMany)).items;
		const error = await failure(api.call(myNumber.update, { id: number.id, destination: 'not-a-destination' }));
		expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 422, fieldErrors: { destination: [expect.any(String)] } });
		expect(error.message).toBe('Smartflo refused the input as invalid (HTTP 422); check destination.');
	});

	it('HTTP 404 → NOT_FOUND', async () => {
		const error = await failure(api.call(user.get, { id: 987654 }));
		expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, upstreamMessage: 'User not found' });
	});

	it('input the catalogue refuses → INVALID_INPUT naming the field, and nothing is sent', async () => {
		expect(await failure(api.call(call.clickToCall, { agent_number: '123', async: 1 }))).toMatchObject({
			code: 'INVALID_INPUT',
			field: 'destination_number',
			message: 'Destination Number is required.',
			hint: 'Set Destination Number.',
		});
		expect(await failure(api.call(call.callOptions, { type: 9, call_id: 'x' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'type' });
		expect(await failure(api.call(call.hangUp, { call_id: 'x', callId: 'x' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'callId' });
		expect(sandbox.stats().apiRequests).toBe(0);
	});

	it('a wrong API key → REFUSED', async () => {
		const error = await failure(api.call(call.clickToCallSupport, { customer_number: '9876543210', api_key: 'f'.repeat(32), async: 1 }));
		expect(error).toMatchObject({ code: 'REFUSED', upstreamMessage: 'Invalid API key' });
	});
});

describe('answers that are no answer', () => {
	const slept: number[] = [];
	const sleep = async (ms: number) => {
		slept.push(ms);
	};
	beforeEach(() => slept.splice(0));

	it('an HTML page → UPSTREAM_ERROR; a truncated body → BAD_RESPONSE', async () => {
		sandbox.injectFault({ type: 'html', status: 502, match: 'api' });
		expect(await failure(client().list(myNumber.getMany))).toMatchObject({ code: 'UPSTREAM_ERROR', status: 502 });
		sandbox.injectFault({ type: 'truncatedJson', match: 'api' });
		expect(await failure(client().list(myNumber.getMany))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
	});

	it('429 with Retry-After → RATE_LIMITED; with retries, the call waits that long and is sent again', async () => {
		sandbox.injectFault({ type: 'rateLimit', retryAfter: '3', match: 'api' });
		expect(await failure(client().list(myNumber.getMany))).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 3 });
		sandbox.injectFault({ type: 'rateLimit', retryAfter: '3', match: 'api' });
		const { items } = await client(sessionAuth(), { retries: 1, sleep }).list(myNumber.getMany);
		expect(items.length).toBeGreaterThan(0);
		expect(slept).toHaveLength(1);
		expect(slept[0]).toBeGreaterThanOrEqual(3000);
	});

	it('a 5xx: a read is sent again, a write never (Smartflo may have placed the call)', async () => {
		sandbox.injectFault({ type: 'serverError', status: 503, match: 'api' });
		await expect(client(sessionAuth(), { retries: 2, sleep }).list(myNumber.getMany)).resolves.toMatchObject({ hasMore: false });
		expect(sandbox.stats().byPath['GET /v1/my_number']).toBe(2);
		const { agentId } = await firstUser(sandbox);
		sandbox.injectFault({ type: 'serverError', status: 503, match: 'api' });
		const write = client(sessionAuth(), { retries: 2, sleep }).call(call.clickToCall, {
			agent_number: agentId,
			destination_number: '9876543210',
			async: 1,
		});
		expect(await failure(write)).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
		expect(sandbox.stats().byPath['POST /v1/click_to_call']).toBe(1);
	});

	it('no answer in time → TIMEOUT; a dropped connection → NETWORK_ERROR', async () => {
		const api = client(sessionAuth(), { timeoutMs: 300 });
		await api.list(myNumber.getMany);
		sandbox.injectFault({ type: 'hang', match: 'api' });
		expect(await failure(api.list(myNumber.getMany))).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('300 ms') });
		sandbox.injectFault({ type: 'drop', match: 'api' });
		expect(await failure(api.list(myNumber.getMany))).toMatchObject({ code: 'NETWORK_ERROR' });
	});
});

describe('token sources', () => {
	it('a session renews once after Smartflo expired every token, and concurrent calls share that renewal', async () => {
		const api = client();
		await api.list(myNumber.getMany);
		sandbox.expireAllTokens();
		sandbox.resetStats();
		const results = await Promise.all(Array.from({ length: 10 }, () => api.list(myNumber.getMany)));
		expect(results.every((result) => result.items.length > 0)).toBe(true);
		// One refused refresh of the expired token, one login; each call sent twice.
		expect(sandbox.stats()).toMatchObject({ refreshAttempts: 1, logins: 1, apiRequests: 20 });
	});

	it('a session whose renewed token is refused too gives up after one renewal (no loop)', async () => {
		const api = client();
		await api.list(myNumber.getMany);
		sandbox.resetStats();
		sandbox.injectFault({ type: 'unauthorized', status: 403, message: 'Token has expired', match: 'api', times: null });
		const error = await failure(api.list(myNumber.getMany));
		expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', status: 403 });
		expect(error.message).toMatch(/even with a newly obtained token/);
		expect(sandbox.stats()).toMatchObject({ apiRequests: 2, refreshes: 1 });
	});

	it('a static token is never renewed: revoked → TOKEN_REJECTED, expired → TOKEN_EXPIRED', async () => {
		const token = sandbox.issueToken({ kind: 'api-connect' });
		const api = client({ token });
		await expect(api.list(myNumber.getMany)).resolves.toMatchObject({ hasMore: false });
		sandbox.revokeToken(token);
		expect(await failure(api.list(myNumber.getMany))).toMatchObject({ code: 'TOKEN_REJECTED', status: 401 });
		const other = sandbox.issueToken();
		sandbox.expireAllTokens();
		expect(await failure(client({ token: other }).list(myNumber.getMany))).toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: 3 });
	});

	it('per-request tokens: each call sends its own, a refused one is TOKEN_*, none given is INVALID_INPUT with nothing sent', async () => {
		const api = client({ perRequest: true });
		const mine = sandbox.issueToken();
		await expect(api.list(myNumber.getMany, {}, { token: `Bearer ${mine}` })).resolves.toMatchObject({ hasMore: false });
		sandbox.revokeToken(mine);
		expect(await failure(api.list(myNumber.getMany, {}, { token: mine }))).toMatchObject({ code: 'TOKEN_REJECTED' });
		expect(await failure(api.list(myNumber.getMany))).toMatchObject({ code: 'INVALID_INPUT', field: 'token' });
		expect(await failure(api.list(myNumber.getMany, {}, { token: sandbox.issueToken({ ttlSeconds: -3600 }) }))).toMatchObject({
			code: 'TOKEN_EXPIRED',
		});
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: 2 });
	});
});
