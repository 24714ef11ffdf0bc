import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, type Json } from './helpers';

describe('broadcasts, lead lists, leads and the DND list', () => {
	let sandbox: SandboxHandle;
	let token: string;
	const get = (path: string, query?: Record<string, string | number | string[]>) => request(sandbox.url, path, { token, query });
	const send = (method: string, path: string, body?: unknown) => request(sandbox.url, path, { token, method, body });

	beforeAll(async () => {
		sandbox = await startSandbox();
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	it('lists broadcasts under v2 as { success, count, limit, page, data }, paged, with created_at in epoch seconds', async () => {
		const first = await get('/v2/broadcasts', { limit: 2 });
		expect(first.body).toEqual({ success: true, count: 3, limit: 2, page: 1, data: expect.any(Array) });
		expect(first.body.data).toHaveLength(2);
		expect(first.body.data[0]).toMatchObject({
			id: 7001,
			status: 0,
			phone_number_list: '5101',
			destination: 'ivr||303',
			created_at: expect.any(Number),
		});
		expect(String(first.body.data[0].created_at)).toMatch(/^\d{10}$/);
		expect((await get('/v2/broadcasts', { limit: 2, page: 2 })).body.data.map((entry: Json) => entry.id)).toEqual([7003]);
		expect((await get('/v2/broadcasts', { broadcast_id: 7002 })).body.data.map((entry: Json) => entry.id)).toEqual([7002]);
	});

	it('refuses an unknown broadcast with HTTP 200 and success:false, as Smartflo’s business errors come', async () => {
		for (const response of [
			await get('/v1/broadcast/9999'),
			await get('/v2/broadcasts', { broadcast_id: 9999 }),
			await get('/v1/broadcast/start/9999'),
		]) {
			expect(response.status).toBe(200);
			expect(response.body).toEqual({ success: false, message: 'Broadcast not found' });
		}
	});

	it('validates a new broadcast as Laravel does: timeout at least 40, retries 0–5, statuses 1–5, a real lead list and time group', async () => {
		const response = await send('POST', '/v1/broadcast', {
			name: 'validation',
			phone_number_list: '7001',
			destination: 'ivr:301',
			timeout: 30,
			number_of_retry: 6,
			dialstatus: [1, 9],
			time_group: 1,
			start_date_time: '2026-01-02 10:00:00',
			end_date_time: '2026-01-01 10:00:00',
		});
		expect(response.status).toBe(422);
		expect(response.body.errors).toEqual({
			timeout: ['The timeout must be at least 40.'],
			number_of_retry: ['The number of retry must be between 0 and 5.'],
			'dialstatus.1': ['The dialstatus.1 must be between 1 and 5.'],
			end_date_time: ['The end date time must be a date after or equal to start date time.'],
			phone_number_list: ['The selected phone number list is invalid.'],
			destination: ['The destination format is invalid.'],
			time_group: ['The selected time group is invalid.'],
		});
	});

	it('starts a broadcast only with leads in its list, and not twice; ends it only while it runs', async () => {
		const created = await send('POST', '/v1/broadcast', { name: 'empty list', phone_number_list: '5103', destination: 'ivr||301' });
		const id = created.body.broadcast_id;
		expect((await get('/v1/broadcast/leads/5103')).body).toEqual([]);
		expect((await get(`/v1/broadcast/start/${id}`)).body).toEqual({
			success: false,
			message: 'The lead list of this broadcast has no leads',
		});
		expect((await get(`/v1/broadcast/end/${id}`)).body).toEqual({ success: false, message: 'Broadcast is not running' });
		expect((await get('/v1/broadcast/start/7003')).body).toEqual({ success: true, message: 'Broadcast started successfully' });
		expect((await get('/v1/broadcast/start/7003')).body).toEqual({ success: false, message: 'Broadcast is already running' });
		expect((await get('/v1/broadcast/end/7003')).body).toEqual({ success: true, message: 'Broadcast ended successfully' });
	});

	it('the lead endpoints take a lead list ID: a broadcast ID in its place is refused with HTTP 200, not added elsewhere', async () => {
		const broadcast = (await get('/v1/broadcast/7002')).body.data;
		const wrong = await send('POST', '/v1/broadcast/lead/7002', { field_0: '9876512345' });
		expect(wrong.status).toBe(200);
		expect(wrong.body).toEqual({ success: false, message: 'Lead list not found' });
		const right = await send('POST', `/v1/broadcast/lead/${broadcast.phone_number_list}`, { field_0: '9876512345', field_1: 'Ravi' });
		expect(right.body).toEqual({ success: true, message: 'Lead added successfully', lead_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		expect((await get(`/v1/broadcast/leads/${broadcast.phone_number_list}`, { number: '+919876512345' })).body).toEqual([
			expect.objectContaining({
				lead_id: right.body.lead_id,
				field_0: '9876512345',
				field_1: 'Ravi',
				list_id: Number(broadcast.phone_number_list),
			}),
		]);
	});

	it('lists a lead list’s leads as a bare array with Mongo extended-JSON dates; an unknown list is a success:false object', async () => {
		const leads = (await get('/v1/broadcast/leads/5101')).body;
		expect(Array.isArray(leads)).toBe(true);
		expect(leads[0]).toMatchObject({
			id: leads[0].lead_id,
			list_name: 'home loan leads',
			created_at: { $date: { $numberLong: expect.stringMatching(/^\d{13}$/) } },
		});
		expect((await get('/v1/broadcast/leads/1')).body).toEqual({ success: false, message: 'Lead list not found' });
	});

	it('takes up to 1000 leads in bulk, counts invalid ones as failed, and reports the batch', async () => {
		const tooMany = await send('POST', '/v1/broadcast/leads/5103', {
			data: Array.from({ length: 1001 }, () => ({ field_0: '9876500000' })),
		});
		expect(tooMany.status).toBe(422);
		expect(tooMany.body.errors).toEqual({ data: ['The data may not have more than 1000 items.'] });
		const upload = await send('POST', '/v1/broadcast/leads/5103', {
			data: [{ field_0: '9876500001' }, { field_0: '123' }, { field_1: 'no number' }, { field_0: '9876500001' }],
		});
		expect(upload.body).toEqual({ success: true, message: 'Leads are being uploaded', batch_id: expect.any(String) });
		expect((await get(`/v1/broadcast/batch_status/${upload.body.batch_id}`)).body).toEqual({
			success: true,
			status: 'completed',
			list_id: 5103,
			total: 4,
			inserted: 1,
			updated: 0,
			skipped: 1,
			failed: 2,
		});
	});

	it('pages the DND list by last_seen_id with limit 1–100: { hasMore, count, limit, data }, dates ISO with +0530', async () => {
		const first = await get('/v1/broadcast/dnd/leads', { limit: 20 });
		expect(first.body).toMatchObject({ hasMore: true, count: 20, limit: 20 });
		expect(first.body.data[0]).toEqual({
			id: expect.any(Number),
			number: expect.stringMatching(/^[6-9]\d{9}$/),
			type: expect.any(String),
			list_id: 1,
			created_at: expect.stringMatching(/\+0530$/),
		});
		const rest = await get('/v1/broadcast/dnd/leads', { limit: 100, last_seen_id: first.body.data[19].id });
		expect(rest.body).toMatchObject({ hasMore: false, count: 25 });
		expect((await get('/v1/broadcast/dnd/leads', { limit: 101 })).body.errors).toEqual({ limit: ['The limit must be between 1 and 100.'] });
	});

	it('deletes a lead by its lead_id, once', async () => {
		const [lead] = (await get('/v1/broadcast/leads/5102')).body;
		expect((await send('DELETE', `/v1/broadcast/lead/${lead.lead_id}`)).body).toEqual({
			success: true,
			message: 'Lead deleted successfully',
		});
		expect((await send('DELETE', `/v1/broadcast/lead/${lead.lead_id}`)).body).toEqual({ success: false, message: 'Lead not found' });
	});
});
