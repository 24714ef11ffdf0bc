import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { forResource, jsonOf } from './harness';

let sandbox: SandboxHandle;
let leadLists: IDataObject[] = [];
let ivrs: IDataObject[] = [];
let dids: IDataObject[] = [];
let timeGroups: IDataObject[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 6, callRecords: 0, liveCalls: 0 } });
	leadLists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[];
	ivrs = ((await sandboxGet(sandbox, '/v1/ivrs')) as { ivrs: IDataObject[] }).ivrs;
	dids = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
	timeGroups = (await sandboxGet(sandbox, '/v1/timegroups')) as IDataObject[];
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.configure({ maxPageSize: 100 });
	sandbox.resetStats();
});

const requests = (route: string) => sandbox.stats().byPath[route] ?? 0;
const { run, fail } = forResource('broadcast', () => sandbox.url);
const broadcastOf = async (id: unknown) => ((await sandboxGet(sandbox, `/v1/broadcast/${id}`)) as { data: IDataObject }).data;

let created = 0;
/** A broadcast on the list given (the first list by default), created through the node. */
async function createBroadcast(extra: IDataObject = {}): Promise<number> {
	const { output } = await run({
		operation: 'create',
		name: `node test ${++created}`,
		leadListId: String(leadLists[0].id),
		destinationType: 'ivr',
		destinationIvr: String(ivrs[0].id),
		...extra,
	});
	return output[0].json.broadcast_id as number;
}

describe('Broadcast → Get Many', () => {
	it('follows page/limit until the last page, and stops at the limit', async () => {
		const all = ((await sandboxGet(sandbox, '/v2/broadcasts?limit=100')) as { data: IDataObject[] }).data;
		expect(all.length).toBeGreaterThanOrEqual(3);
		sandbox.configure({ maxPageSize: 2 });
		sandbox.resetStats();
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(jsonOf(output).map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
		expect(requests('GET /v2/broadcasts')).toBe(Math.ceil(all.length / 2));
		sandbox.resetStats();
		expect((await run({ operation: 'getMany', limit: 1 })).output).toHaveLength(1);
		expect(requests('GET /v2/broadcasts')).toBe(1);
	});
});

describe('Broadcast → Get', () => {
	it('returns the broadcast itself, with its lead list and status', async () => {
		const [first] = ((await sandboxGet(sandbox, '/v2/broadcasts')) as { data: IDataObject[] }).data;
		const { output } = await run({ operation: 'get', broadcastId: String(first.id) });
		expect(output).toEqual([{ json: first, pairedItem: { item: 0 } }]);
		expect(output[0].json).toMatchObject({ phone_number_list: expect.any(String), status: expect.any(Number) });
	});

	it('says when Smartflo does not know the broadcast (HTTP 200, success:false)', async () => {
		const error = await fail({ operation: 'get', broadcastId: '42' });
		expect(error.message).toBe('Smartflo refused the request: Broadcast not found');
		expect(error.httpCode).toBe('200');
	});
});

describe('Broadcast → Create', () => {
	it('sends every field: lead list, type||id destination, timeout, concurrency, retries, statuses, schedule in IST, time group', async () => {
		const { output } = await run({
			operation: 'create',
			name: 'Diwali renewals',
			leadListId: String(leadLists[1].id),
			destinationType: 'ivr',
			destinationIvr: String(ivrs[2].id),
			timeout: 45,
			concurrency: 3,
			retries: 2,
			additionalFields: {
				description: 'Renewals due in November',
				callerId: dids[1].did,
				retryAfterMinutes: 15,
				dialStatuses: [1, 2],
				retryStatuses: [1, 3],
				start: '2026-11-01T03:30:00.000Z',
				end: '2026-11-10T18:00:00',
				timeGroup: String(timeGroups[2].id),
			},
		});
		expect(output[0].json).toEqual({ success: true, message: 'Broadcast created successfully', broadcast_id: expect.any(Number) });
		expect(await broadcastOf(output[0].json.broadcast_id)).toMatchObject({
			name: 'Diwali renewals',
			description: 'Renewals due in November',
			status: 0,
			phone_number_list: String(leadLists[1].id),
			destination: `ivr||${ivrs[2].id}`,
			timeout: 45,
			concurrent_limit: 3,
			number_of_retry: 2,
			caller_id_number: dids[1].did,
			retry_after_minutes: 15,
			dialstatus: [1, 2],
			retry_dialstatus: [1, 3],
			// 03:30 UTC is 09:00 IST; a value without a zone is already the account's time.
			start_date_time: '2026-11-01 09:00:00',
			end_date_time: '2026-11-10 18:00:00',
			time_group: String(timeGroups[2].id),
		});
	});

	it.each([
		[{ timeout: 39 }, 'Timeout must be at least 40'],
		[{ retries: 6 }, 'Retries must be between 0 and 5'],
		[{ concurrency: 0 }, 'Concurrency must be at least 1'],
		[{ destinationType: 'department', destinationDepartment: '' }, 'The Department destination needs the department ID'],
		[{ additionalFields: { start: 'next monday' } }, 'Start: "next monday" is not a date and time'],
	])('refuses %j before calling Smartflo (expressions can bypass the fields’ limits)', async (extra, message) => {
		const error = await fail({
			operation: 'create',
			name: 'bad',
			leadListId: String(leadLists[0].id),
			destinationType: 'ivr',
			destinationIvr: String(ivrs[0].id),
			...extra,
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.context?.itemIndex).toBe(0);
		expect(requests('POST /v1/broadcast')).toBe(0);
	});

	it('reports Smartflo’s validation errors field by field (a name already taken, a broadcast ID given as the lead list)', async () => {
		const [existing] = ((await sandboxGet(sandbox, '/v2/broadcasts')) as { data: IDataObject[] }).data;
		const error = await fail({
			operation: 'create',
			name: existing.name,
			leadListId: String(existing.id),
			destinationType: 'ivr',
			destinationIvr: String(ivrs[0].id),
		});
		expect(error.message).toBe('Smartflo rejected the parameters: The given data was invalid.');
		expect(error.description).toBe('name: The name has already been taken.; phone_number_list: The selected phone number list is invalid.');
		expect(error.httpCode).toBe('422');
	});

	it('passes on Smartflo’s refusal of a destination that does not exist (HTTP 200, success:false)', async () => {
		const error = await fail({
			operation: 'create',
			name: 'to nowhere',
			leadListId: String(leadLists[0].id),
			destinationType: 'ivr',
			destinationIvr: '999',
		});
		expect(error.message).toBe('Smartflo refused the request: Destination not found');
	});
});

describe('Broadcast → Start / Stop', () => {
	it('starts a broadcast, refuses to start it twice, stops it, refuses to stop it twice', async () => {
		const id = String(await createBroadcast());
		expect((await run({ operation: 'start', broadcastId: id })).output[0].json).toEqual({
			success: true,
			message: 'Broadcast started successfully',
		});
		expect((await broadcastOf(id)).status).toBe(1);
		expect((await fail({ operation: 'start', broadcastId: id })).message).toBe(
			'Smartflo refused the request: Broadcast is already running',
		);
		expect((await run({ operation: 'stop', broadcastId: id })).output[0].json).toEqual({
			success: true,
			message: 'Broadcast ended successfully',
		});
		expect((await broadcastOf(id)).status).toBe(0);
		expect((await fail({ operation: 'stop', broadcastId: id })).message).toBe('Smartflo refused the request: Broadcast is not running');
	});

	it('sends a start window in the account’s time zone', async () => {
		const id = String(await createBroadcast());
		await run({
			operation: 'start',
			broadcastId: id,
			options: { start: '2030-01-01T00:00:00Z', end: '2030-01-02 18:00:00', timeZone: 'Asia/Dubai' },
		});
		expect(await broadcastOf(id)).toMatchObject({
			status: 1,
			start_date_time: '2030-01-01 04:00:00',
			end_date_time: '2030-01-02 18:00:00',
		});
	});

	it('with Continue On Fail, a broadcast Smartflo will not start is an error item and the others start', async () => {
		const empty = leadLists.find((list) => list.lead_count === 0) as IDataObject;
		const ids = [String(await createBroadcast({ leadListId: String(empty.id) })), String(await createBroadcast())];
		const { output } = await run((index) => ({ operation: 'start', broadcastId: ids[index] }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: { error: 'Smartflo refused the request: The lead list of this broadcast has no leads', description: expect.any(String) },
				pairedItem: { item: 0 },
			},
			{ json: { success: true, message: 'Broadcast started successfully' }, pairedItem: { item: 1 } },
		]);
	});
});
