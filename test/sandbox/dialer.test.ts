import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { customerWithNotes } from '../nodes/fixtures';
import { request, type Json } from './helpers';

describe('dialer campaigns, sessions and call notes', () => {
	let sandbox: SandboxHandle;
	let token: string;
	const send = (method: string, path: string, body?: unknown, as = token) => request(sandbox.url, path, { token: as, method, body });
	const get = (path: string, query?: Record<string, string | number>) => request(sandbox.url, path, { token, query });
	let didId: number;
	let listIds: number[];
	let agentIds: string[];

	/** A campaign the add page accepts: every field it marks as mandatory, and a preview duration. */
	const valid = (extra: Record<string, unknown> = {}) => ({
		name: `campaign ${Math.random()}`,
		dial_method: '1',
		auto_dial_duration: 10,
		outbound_caller_id: [didId],
		disposition_list: '4001',
		number_of_retry: 2,
		retry_after_minutes: 30,
		auto_disposition_cancel_duration: 30,
		dial_status: [0, 3, 9],
		...extra,
	});

	beforeAll(async () => {
		sandbox = await startSandbox();
		token = sandbox.issueToken({});
		didId = (await get('/v1/my_number')).body[0].id;
		listIds = (await get('/v1/broadcast/lists')).body.map((list: Json) => list.id);
		agentIds = (await get('/v1/users', { limit: 5 })).body.data.map((user: Json) => user.agent.id);
	});
	afterAll(() => sandbox.close());

	describe('POST /v1/dialer/campaign', () => {
		it('creates a campaign and answers its ID', async () => {
			const response = await send(
				'POST',
				'/v1/dialer/campaign',
				valid({ lead_list_map: [{ list_id: listIds[0], list_status: 1 }], agent: agentIds.slice(0, 2), hide_lead_details: true }),
			);
			expect(response.status).toBe(200);
			expect(response.body).toEqual({ success: true, message: 'Dialer campaign created successfully', campaign_id: expect.any(Number) });
			expect(response.body.campaign_id).toBeGreaterThan(8002);
		});

		it('requires the fields the add page marks as mandatory, with Laravel’s messages', async () => {
			const response = await send('POST', '/v1/dialer/campaign', {});
			expect(response.status).toBe(422);
			expect(Object.keys(response.body.errors).sort()).toEqual(
				[
					'auto_disposition_cancel_duration',
					'dial_method',
					'dial_status',
					'disposition_list',
					'name',
					'number_of_retry',
					'outbound_caller_id',
					'retry_after_minutes',
				].sort(),
			);
			expect(response.body.errors.dial_method).toEqual(['The dial method field is required.']);
		});

		it.each([
			[{ dial_method: '3' }, 'dial_method', 'The selected dial method is invalid.'],
			[{ auto_dial_duration: '' }, 'auto_dial_duration', 'The auto dial duration field is required when dial method is 1.'],
			[{ dial_method: '2', auto_dial_duration: '' }, 'dial_ratio', 'The dial ratio field is required when dial method is 2.'],
			[{ outbound_caller_id: [999_999] }, 'outbound_caller_id.0', 'The selected outbound caller id.0 is invalid.'],
			[{ number_of_retry: -1 }, 'number_of_retry', 'The number of retry must be at least 0.'],
			[{ retry_after_minutes: 'soon' }, 'retry_after_minutes', 'The retry after minutes must be an integer.'],
			[{ hide_lead_details: 'maybe' }, 'hide_lead_details', 'The hide lead details field must be true or false.'],
			[{ ring_strategy: '4' }, 'ring_strategy', 'The selected ring strategy is invalid.'],
			[{ agent: ['0000000000000'] }, 'agent.0', 'The selected agent.0 is invalid.'],
			[{ time_group: '1' }, 'time_group', 'The selected time group is invalid.'],
			[{ manual_dial_enabled: 1 }, 'manual_lead_list', 'The manual lead list field is required when manual dial enabled is 1.'],
			[
				{ enable_inbound: true, inbound_queue: '12' },
				'inbound_lead_list',
				'The inbound lead list field is required when enable inbound is 1.',
			],
			[
				{ lead_list_map: [{ list_id: 7001, list_status: 1 }] },
				'lead_list_map.0.list_id',
				'The selected lead list map.0.list id is invalid.',
			],
			[{ lead_list_map: { list_id: 5101 } }, 'lead_list_map', 'The lead list map must be an array.'],
		])('refuses %j', async (extra, field, message) => {
			const response = await send('POST', '/v1/dialer/campaign', valid(extra));
			expect(response.status).toBe(422);
			expect(response.body.errors).toEqual({ [field]: [message] });
		});

		it('allows at most three active lead lists, and any number of inactive ones', async () => {
			const map = (active: number) => listIds.concat(listIds).map((list_id, index) => ({ list_id, list_status: index < active ? 1 : 0 }));
			expect((await send('POST', '/v1/dialer/campaign', valid({ lead_list_map: map(3) }))).body.success).toBe(true);
			const refused = await send('POST', '/v1/dialer/campaign', valid({ lead_list_map: map(4) }));
			expect(refused.body.errors).toEqual({ lead_list_map: ['The lead list map may not have more than 3 active lead lists.'] });
		});

		it('refuses a name another campaign has', async () => {
			const response = await send('POST', '/v1/dialer/campaign', valid({ name: 'Home Loan Callbacks' }));
			expect(response.body.errors).toEqual({ name: ['The name has already been taken.'] });
		});
	});

	describe('PUT /v1/dialer/campaign/{id}', () => {
		it('changes only the fields sent, checked as on creation', async () => {
			const { campaign_id: id } = (await send('POST', '/v1/dialer/campaign', valid({ name: 'to update' }))).body;
			expect((await send('PUT', `/v1/dialer/campaign/${id}`, { description: 'Changed', ring_timeout: 25 })).body).toEqual({
				success: true,
				message: 'Dialer campaign updated successfully',
			});
			// The campaign is Preview with a duration: switching it to Ratio needs a ratio, renaming it to itself is fine.
			const switched = await send('PUT', `/v1/dialer/campaign/${id}`, { dial_method: '2', name: 'to update' });
			expect(switched.body.errors).toEqual({ dial_ratio: ['The dial ratio field is required when dial method is 2.'] });
			expect((await send('PUT', `/v1/dialer/campaign/${id}`, { dial_method: '2', dial_ratio: '1.5' })).body.success).toBe(true);
			expect((await send('PUT', `/v1/dialer/campaign/${id}`, { name: 'Renewal Drive' })).body.errors).toEqual({
				name: ['The name has already been taken.'],
			});
		});

		it('refuses an unknown campaign with HTTP 200 and success:false; a lead list ID is not a campaign', async () => {
			for (const id of ['999', String(listIds[0]), 'abc']) {
				const response = await send('PUT', `/v1/dialer/campaign/${id}`, { description: 'x' });
				expect([response.status, response.body]).toEqual([200, { success: false, message: 'Campaign not found' }]);
			}
		});
	});

	describe('POST /v1/dialer/session_call', () => {
		it('starts and ends the session of the token’s user, once each', async () => {
			const session = (body: unknown) => send('POST', '/v1/dialer/session_call', body);
			expect((await session({ startOrEnd: false, campaignId: '8001' })).body).toEqual({
				success: false,
				message: 'No session is running in this campaign',
			});
			expect((await session({ startOrEnd: true, campaignId: '8001' })).body).toEqual({
				success: true,
				message: 'Session started successfully',
			});
			expect((await session({ startOrEnd: true, campaignId: '8002' })).body).toEqual({
				success: false,
				message: 'A session is already running in campaign 8001',
			});
			expect((await session({ startOrEnd: 'false', campaignId: '8002' })).body.success).toBe(false);
			expect((await session({ startOrEnd: 0, logout: true })).body).toEqual({
				success: true,
				message: 'Session ended and agent logged out successfully',
			});
			expect((await session({ startOrEnd: false })).body.success).toBe(false);
		});

		it('keeps one session per user: another account’s token has its own', async () => {
			const other = await startSandbox({
				accounts: [
					{ email: 'a@x.test', password: 'Pass@word1' },
					{ email: 'b@x.test', password: 'Pass@word1' },
				],
			});
			try {
				const as = (email: string) => other.issueToken({ email });
				const session = (body: unknown, email: string) =>
					request(other.url, '/v1/dialer/session_call', { token: as(email), method: 'POST', body });
				expect((await session({ startOrEnd: true, campaignId: 8001 }, 'a@x.test')).body.success).toBe(true);
				expect((await session({ startOrEnd: true, campaignId: 8001 }, 'b@x.test')).body.success).toBe(true);
				expect((await session({ startOrEnd: false }, 'a@x.test')).body.message).toBe('Session ended successfully');
				expect((await session({ startOrEnd: false }, 'a@x.test')).body.success).toBe(false);
			} finally {
				await other.close();
			}
		});

		it.each([
			[{}, { startOrEnd: ['The start or end field is required.'] }],
			[{ startOrEnd: 'yes' }, { startOrEnd: ['The start or end field must be true or false.'] }],
			[{ startOrEnd: true }, { campaignId: ['The campaign id field is required when start or end is true.'] }],
		])('validates %j', async (body, errors) => {
			const response = await send('POST', '/v1/dialer/session_call', body);
			expect([response.status, response.body.errors]).toEqual([422, errors]);
		});

		it('refuses an unknown campaign', async () => {
			expect((await send('POST', '/v1/dialer/session_call', { startOrEnd: true, campaignId: '5101' })).body).toEqual({
				success: false,
				message: 'Campaign not found',
			});
		});
	});

	describe('GET /v1/call/notes/{client_number}', () => {
		it('lists a customer’s notes newest first, as Smartflo’s sample answer has them, paged', async () => {
			const { number, count } = await customerWithNotes(sandbox, 2);
			const all = (await get(`/v1/call/notes/${number}`, { limit: 100 })).body;
			expect(all).toMatchObject({ count, limit: 100, page: 1 });
			expect(all.results).toHaveLength(count);
			const [note] = all.results;
			expect(note).toEqual({
				_id: expect.stringMatching(/^[0-9a-f]{24}$/),
				calldate: { $date: { $numberLong: expect.stringMatching(/^\d{13}$/) } },
				call_hint: expect.stringMatching(/^(inbound|outbound)$/),
				notes: { message: expect.any(String), created_by: expect.any(String), name: expect.any(String) },
				readableTime: expect.stringMatching(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/),
				date: note.readableTime,
			});
			const times = all.results.map((entry: Json) => Number(entry.calldate.$date.$numberLong));
			expect(times).toEqual([...times].sort((a, b) => b - a));
			const second = await get(`/v1/call/notes/${number}`, { limit: 1, page: 2 });
			expect(second.body).toEqual({ count, limit: 1, page: 2, results: [all.results[1]] });
		});

		it('matches the number on its last 10 digits, and answers an empty page for a number without notes', async () => {
			const { number, count } = await customerWithNotes(sandbox, 1);
			const national = number.replace(/\D/g, '').slice(-10);
			for (const spelling of [national, `+91${national}`, `0${national}`]) {
				expect((await get(`/v1/call/notes/${encodeURIComponent(spelling)}`)).body.count).toBe(count);
			}
			expect((await get('/v1/call/notes/9000000001')).body).toEqual({ count: 0, limit: 10, page: 1, results: [] });
		});

		it('validates the number and the paging parameters', async () => {
			expect((await get('/v1/call/notes/12345')).body.errors).toEqual({ client_number: ['The client number format is invalid.'] });
			expect((await get('/v1/call/notes/9876543210', { page: 0, limit: 'x' })).body.errors).toEqual({
				page: ['The page must be at least 1.'],
				limit: ['The limit must be an integer.'],
			});
		});
	});
});
