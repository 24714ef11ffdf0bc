import type { IDataObject } from 'n8n-workflow';

import { toSmartfloDateTime } from '../../src/api/date-time';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { firstUser, sandboxGet } from './fixtures';
import { jsonOf, passwordCredential, runNode, runNodeError, tokenCredential } from './harness';

const RECORDS = 30;

describe('Call Record → Get Many against the sandbox', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { users: 6, callRecords: RECORDS, liveCalls: 0 } });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.configure({ maxPageSize: 100 });
		sandbox.resetStats();
	});

	const requests = () => sandbox.stats().byPath['GET /v1/call/records'] ?? 0;
	const run = (parameters: IDataObject) =>
		runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'callRecord', operation: 'getMany', ...parameters } });

	it('returns all records across pages when Smartflo caps the page size', async () => {
		const direct = (await sandboxGet(sandbox, '/v1/call/records?limit=100')) as { results: IDataObject[] };
		sandbox.configure({ maxPageSize: 7 });
		sandbox.resetStats();
		const { output } = await run({ returnAll: true });
		expect(jsonOf(output).map((record) => record.id)).toEqual(direct.results.map((record) => record.id));
		expect(output).toHaveLength(RECORDS);
		// 7 + 7 + 7 + 7 + 2: the short fifth page ends it.
		expect(requests()).toBe(5);
	});

	it('stops as soon as the limit is reached', async () => {
		sandbox.configure({ maxPageSize: 7 });
		const { output } = await run({ returnAll: false, limit: 10 });
		expect(output).toHaveLength(10);
		expect(requests()).toBe(2);
	});

	it('uses the default limit of 50 when nothing is set', async () => {
		const { output } = await run({});
		expect(output).toHaveLength(RECORDS);
		expect(requests()).toBe(1);
	});

	it('sends the date range as Asia/Kolkata wall-clock times by default', async () => {
		const all = jsonOf((await run({ returnAll: true })).output);
		const pivot = all[Math.floor(all.length / 2)];
		const pivotTime = `${pivot.date} ${pivot.time}`;
		// The same instant in UTC, as an expression like {{ $now }} would give it.
		const pivotInstant = new Date(`${pivot.date}T${pivot.time}+05:30`).toISOString();
		const { output } = await run({ returnAll: true, fromDate: pivotInstant });
		const expected = all.filter((record) => `${record.date} ${record.time}` >= pivotTime);
		expect(jsonOf(output).map((record) => record.id)).toEqual(expected.map((record) => record.id));
		expect(output.length).toBeGreaterThan(0);
		expect(output.length).toBeLessThan(RECORDS);
	});

	it('applies the documented filters', async () => {
		const { agentId } = await firstUser(sandbox);
		const missed = jsonOf((await run({ returnAll: true, filters: { callType: 'm' } })).output);
		expect(missed.length).toBeGreaterThan(0);
		expect(missed.every((record) => record.status === 'missed')).toBe(true);
		const direct = (await sandboxGet(sandbox, `/v1/call/records?limit=100&agents[]=agent|${agentId}`)) as { results: IDataObject[] };
		const byAgent = jsonOf((await run({ returnAll: true, filters: { agents: [agentId] } })).output);
		expect(byAgent.map((record) => record.id)).toEqual(direct.results.map((record) => record.id));
	});

	it('refuses a date it cannot read, at the item index, before calling Smartflo', async () => {
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			items: [{ json: {} }, { json: {} }],
			parameters: (index) => ({ resource: 'callRecord', operation: 'getMany', toDate: index === 0 ? '2026-09-21' : '21/09/2026' }),
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('To: "21/09/2026" is not a date and time');
		expect(error.context?.itemIndex).toBe(1);
	});
});

describe('Call Record → Get Many on the wire', () => {
	let server: FakeServer;
	let pages: IDataObject[] = [];
	beforeAll(async () => {
		server = await startFakeServer((_request, index) => ({ status: 200, body: pages[Math.min(index, pages.length - 1)] }));
	});
	afterAll(() => server.close());
	beforeEach(() => {
		server.requests.splice(0);
		pages = [{ count: 0, limit: 100, size: 0, page: 1, results: [] }];
	});

	const run = (parameters: IDataObject) =>
		runNode({
			store: tokenCredential(server.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMSJ9.c2lnbmF0dXJlLWJ5dGVz'),
			parameters: { resource: 'callRecord', operation: 'getMany', ...parameters },
		});
	const query = (index = 0) => new URL(server.requests[index].path, server.url).searchParams;

	it.each([
		['a date-picker value (no zone) is already account time', '2026-09-21T10:15:00', {}, '2026-09-21 10:15:00'],
		['a date alone starts at midnight', '2026-09-21', {}, '2026-09-21 00:00:00'],
		['Smartflo’s own format passes through', '2026-09-21 10:15:30', {}, '2026-09-21 10:15:30'],
		['an instant is converted to Asia/Kolkata', '2026-09-21T04:45:00.000Z', {}, '2026-09-21 10:15:00'],
		['an instant with an offset', '2026-09-21T00:00:00-04:00', {}, '2026-09-21 09:30:00'],
		['another time zone can be chosen', '2026-09-21T04:45:00.000Z', { timeZone: 'Asia/Dubai' }, '2026-09-21 08:45:00'],
	])('formats from_date as Y-m-d H:i:s: %s', async (_case, fromDate, options, expected) => {
		await run({ fromDate, options });
		expect(query().get('from_date')).toBe(expected);
		expect(query().has('to_date')).toBe(false);
	});

	it.each([
		['epoch seconds', Date.UTC(2026, 8, 21, 4, 45) / 1000],
		['epoch milliseconds', Date.UTC(2026, 8, 21, 4, 45)],
	])('reads a number from an expression as %s', async (_case, fromDate) => {
		await run({ fromDate });
		expect(query().get('from_date')).toBe('2026-09-21 10:15:00');
	});

	it.each([
		['epoch microseconds', Date.UTC(2026, 8, 21, 4, 45) * 1000, 'From: 1789965900000000 is too large for epoch milliseconds'],
		['more than Date holds', 1e17, 'From: 100000000000000000 is too large for epoch milliseconds'],
		['a negative number', -1e16, 'From: -10000000000000000 is before 1970'],
	])('refuses %s, naming the parameter, before calling Smartflo', async (_case, fromDate, message) => {
		const error = await runNodeError({
			store: tokenCredential(server.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMSJ9.c2lnbmF0dXJlLWJ5dGVz'),
			parameters: { resource: 'callRecord', operation: 'getMany', fromDate },
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message.startsWith(message)).toBe(true);
		expect(error.message).not.toMatch(/Invalid time value/);
		expect(error.description).toMatch(/epoch seconds or milliseconds/);
		expect(error.context?.itemIndex).toBe(0);
		expect(server.requests).toHaveLength(0);
	});

	it('sends filters with Smartflo’s names, arrays PHP-style', async () => {
		await run({
			limit: 5,
			toDate: '2026-09-22T00:00:00',
			filters: {
				agents: ['0502842370097', 'agent|0502842370131'],
				departments: ['4201', '4202'],
				ivrs: '301, 302',
				callType: 'm',
				direction: 'outbound',
				callerNumber: '9876543210',
				didNumber: '918069123456',
				services: 'Click to call',
				duration: { condition: { operator: '>', seconds: 30 } },
				destination: '',
			},
		});
		const sent = query();
		// PHP reads agents%5B%5D=… (how n8n's qs encodes it) as agents[]=….
		expect(sent.getAll('agents[]')).toEqual(['agent|0502842370097', 'agent|0502842370131']);
		expect(sent.getAll('department[]')).toEqual(['4201', '4202']);
		expect(sent.getAll('ivr[]')).toEqual(['301', '302']);
		expect(Object.fromEntries([...sent].filter(([key]) => !key.endsWith('[]')))).toEqual({
			to_date: '2026-09-22 00:00:00',
			call_type: 'm',
			direction: 'outbound',
			callerid: '9876543210',
			did_number: '918069123456',
			services: 'Click to call',
			duration: '30',
			operator: '>',
			page: '1',
			limit: '5',
		});
	});

	it('stops when Smartflo’s count says the last page was reached, without asking for an empty page', async () => {
		const page = (number: number) => ({
			count: 4,
			limit: 2,
			size: 2,
			page: number,
			results: [{ id: `r${number}a` }, { id: `r${number}b` }],
		});
		pages = [page(1), page(2), page(3)];
		const { output } = await run({ returnAll: true });
		expect(jsonOf(output).map((record) => record.id)).toEqual(['r1a', 'r1b', 'r2a', 'r2b']);
		expect(server.requests.map((request) => new URL(request.path, server.url).searchParams.get('page'))).toEqual(['1', '2']);
		expect(query(1).get('limit')).toBe('100');
	});

	it('stops on an empty page when Smartflo gives no count', async () => {
		pages = [
			{ results: [{ id: 'a' }], limit: 1 },
			{ results: [{ id: 'b' }], limit: 1 },
			{ results: [], limit: 1 },
			{ results: [{ id: 'never' }], limit: 1 },
		];
		const { output } = await run({ returnAll: true });
		expect(jsonOf(output).map((record) => record.id)).toEqual(['a', 'b']);
		expect(server.requests).toHaveLength(3);
	});

	it('refuses an unknown time zone', async () => {
		const error = await runNodeError({
			store: tokenCredential(server.url, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMSJ9.c2lnbmF0dXJlLWJ5dGVz'),
			parameters: { resource: 'callRecord', operation: 'getMany', fromDate: '2026-09-21', options: { timeZone: 'Mars/Olympus' } },
		});
		expect(error.message).toBe('From: "Mars/Olympus" is not a time zone');
		expect(server.requests).toHaveLength(0);
	});
});

describe('toSmartfloDateTime', () => {
	it.each([
		[new Date('2026-03-01T18:30:00Z'), 'Asia/Kolkata', '2026-03-02 00:00:00'],
		[Date.parse('2026-03-01T18:30:00Z'), 'UTC', '2026-03-01 18:30:00'],
		[{ toMillis: () => Date.parse('2026-07-01T12:00:00Z') }, 'Europe/London', '2026-07-01 13:00:00'],
		['2026-02-28T23:59:59.999', 'Asia/Kolkata', '2026-02-28 23:59:59'],
	])('%p in %s → %s', (value, zone, expected) => {
		expect(toSmartfloDateTime(value, zone)).toEqual({ ok: true, value: expected });
	});

	it.each([['2026-02-30 10:00:00'], ['2026-13-01'], ['yesterday'], [''], [Number.NaN]])('refuses %p', (value) => {
		expect(toSmartfloDateTime(value, 'Asia/Kolkata').ok).toBe(false);
	});
});
