import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request, type Json } from './helpers';

const END_DATE = '2026-06-15T12:00:00Z'; // 17:30 IST

describe('GET /v1/call/records', () => {
	let sandbox: SandboxHandle;
	let token: string;
	let all: Json[];

	const records = (query: Record<string, string | number | string[]> = {}) => request(sandbox.url, '/v1/call/records', { token, query });
	const stamp = (record: Json) => `${record.date} ${record.time}`;

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { endDate: END_DATE, liveCalls: 0 } });
		token = sandbox.issueToken({ kind: 'permanent' });
		all = [];
		for (let page = 1; all.length < 250; page++) all.push(...(await records({ page, limit: 100 })).body.results);
	});
	afterAll(() => sandbox.close());

	it('answers {count, limit, size, page, results} with 20 results by default', async () => {
		const response = await records();
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ count: 250, limit: 20, size: 20, page: 1, results: expect.any(Array) });
		expect(response.body.results).toHaveLength(20);
	});

	it('returns records in the documented shape', () => {
		for (const record of all) {
			expect(record.id).toMatch(/^[0-9a-f]{24}$/);
			expect(typeof record.call_id).toBe('string');
			expect(record.uuid).toMatch(/^[0-9a-f-]{36}$/);
			expect(['inbound', 'outbound']).toContain(record.direction);
			expect(['answered', 'missed']).toContain(record.status);
			expect(record.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(record.time).toMatch(/^\d{2}:\d{2}:\d{2}$/);
			expect(record.end_stamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(record.end_stamp >= stamp(record)).toBe(true);
			expect(record.call_duration).toBeGreaterThanOrEqual(record.answered_seconds);
			expect(record.did_number).toMatch(/^918069\d{6}$/);
			expect(record.agent_number_with_prefix).toMatch(/^\+91[6-9]\d{9}$/);
			if (record.status === 'answered') {
				expect(record.answered_seconds).toBeGreaterThan(0);
				// Pre-signed like Smartflo's, but served by the sandbox itself, at the host the request came to.
				expect(record.recording_url).toBe(
					`${sandbox.url}/file/recording?${new URLSearchParams({ callId: record.call_id, type: 'rec', token: new URL(record.recording_url).searchParams.get('token') ?? '' })}`,
				);
				expect(new URL(record.recording_url).searchParams.get('token')).toMatch(/^\w{40}$/);
				expect(record.hangup_cause).toBe('NORMAL_CLEARING');
			} else {
				expect(record.answered_seconds).toBe(0);
				expect(record.recording_url).toBeNull();
			}
		}
	});

	it('uses the varied call id shapes and customer number forms Smartflo sends', () => {
		const callIds = all.map((record) => record.call_id);
		expect(callIds.some((id) => /^\d{10}\.\d{6}$/.test(id))).toBe(true);
		expect(callIds.some((id) => /^h11\.08-\d{10}\.\d{7}$/.test(id))).toBe(true);
		expect(callIds.some((id) => /^HYD1-D4-\d{10}\.\d{6}$/.test(id))).toBe(true);
		expect(callIds.some((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(id))).toBe(true);
		const numbers = all.map((record) => record.client_number);
		for (const form of [/^\+91\d{10}$/, /^91\d{10}$/, /^0\d{10}$/, /^\d{10}$/]) {
			expect(numbers.some((number) => form.test(number))).toBe(true);
		}
	});

	it('spreads the calls over the 30 IST days before the end date, newest first', () => {
		const stamps = all.map(stamp);
		expect([...stamps].sort().reverse()).toEqual(stamps);
		expect(stamps[0] < '2026-06-15 17:30:00').toBe(true);
		expect(stamps[stamps.length - 1] >= '2026-05-16 00:00:00').toBe(true);
		expect(new Set(all.map((record) => record.date)).size).toBeGreaterThan(20);
		expect(new Set(all.map((record) => record.id)).size).toBe(250);
	});

	it('is deterministic: another sandbox with the same end date has the same records', async () => {
		const twin = await startSandbox({ seed: { endDate: END_DATE } });
		try {
			const response = await request(twin.url, '/v1/call/records', { token: twin.issueToken({}), query: { limit: 100 } });
			const withoutHost = (records: Json[]) =>
				records.map((record) => ({ ...record, recording_url: record.recording_url?.replace(/^http:\/\/[^/]+/, '') }));
			expect(withoutHost(response.body.results)).toEqual(withoutHost(all.slice(0, 100)));
		} finally {
			await twin.close();
		}
	});

	it('pages with page/limit: consecutive pages tile the list', async () => {
		const second = await records({ page: '2', limit: '30' });
		expect(second.body).toMatchObject({ count: 250, limit: 30, size: 30, page: 2 });
		expect(second.body.results).toEqual(all.slice(30, 60));
		const last = await records({ page: 9, limit: 30 });
		expect(last.body.size).toBe(10);
		expect(last.body.results).toEqual(all.slice(240));
		const beyond = await records({ page: 10, limit: 30 });
		expect(beyond.body).toMatchObject({ count: 250, size: 0, results: [] });
	});

	it('caps limit at maxPageSize and reports the effective limit', async () => {
		expect((await records({ limit: 1000 })).body).toMatchObject({ limit: 100, size: 100 });
		sandbox.configure({ maxPageSize: 7 });
		try {
			const response = await records({ limit: 50, page: 2 });
			expect(response.body).toMatchObject({ count: 250, limit: 7, size: 7, page: 2 });
			expect(response.body.results).toEqual(all.slice(7, 14));
		} finally {
			sandbox.configure({ maxPageSize: 100 });
		}
	});

	it.each([
		[{ page: '0' }, { page: ['The page must be at least 1.'] }],
		[{ limit: 'ten' }, { limit: ['The limit must be an integer.'] }],
		[{ from_date: '2026-06-01' }, { from_date: ['The from date does not match the format Y-m-d H:i:s.'] }],
		[{ to_date: '2026-02-30 10:00:00' }, { to_date: ['The to date does not match the format Y-m-d H:i:s.'] }],
		[
			{ from_date: '2026-06-10 00:00:00', to_date: '2026-06-01 00:00:00' },
			{ to_date: ['The to date must be a date after or equal to from date.'] },
		],
		[{ call_type: 'x' }, { call_type: ['The selected call type is invalid.'] }],
		[{ direction: 'sideways' }, { direction: ['The selected direction is invalid.'] }],
		[{ duration: '10', operator: '=>' }, { operator: ['The selected operator is invalid.'] }],
	])('answers %p with the validation envelope', async (query, errors) => {
		const response = await records(query);
		expect(response.status).toBe(422);
		expect(response.body).toEqual({ success: false, message: 'The given data was invalid.', errors });
	});

	it('filters by from_date / to_date (IST wall clock, inclusive)', async () => {
		const from = stamp(all[180]);
		const to = stamp(all[40]);
		const expected = all.filter((record) => stamp(record) >= from && stamp(record) <= to);
		const response = await records({ from_date: from, to_date: to, limit: 100 });
		expect(response.body.count).toBe(expected.length);
		expect(response.body.results).toEqual(expected.slice(0, 100));
		expect((await records({ from_date: from })).body.count).toBe(all.filter((record) => stamp(record) >= from).length);
	});

	it.each([
		['c', 'answered'],
		['m', 'missed'],
	])('filters call_type=%s to %s calls', async (callType, status) => {
		const expected = all.filter((record) => record.status === status);
		const response = await records({ call_type: callType, limit: 100 });
		expect(response.body.count).toBe(expected.length);
		expect(response.body.results).toEqual(expected.slice(0, 100));
	});

	it.each(['inbound', 'outbound'])('filters direction=%s', async (direction) => {
		const response = await records({ direction, limit: 100 });
		expect(response.body.count).toBe(all.filter((record) => record.direction === direction).length);
		expect(response.body.results.every((record: Json) => record.direction === direction)).toBe(true);
	});

	it.each([
		['>', (value: number) => value > 120],
		['<', (value: number) => value < 120],
		['>=', (value: number) => value >= 120],
		['<=', (value: number) => value <= 120],
		['!=', (value: number) => value !== 120],
	])('filters call_duration with operator %s', async (operator, test) => {
		const response = await records({ duration: 120, operator });
		expect(response.body.count).toBe(all.filter((record) => test(record.call_duration)).length);
		expect(response.body.count).toBeGreaterThan(0);
	});

	it('filters an exact duration when no operator is given', async () => {
		const duration = all[3].call_duration;
		const response = await records({ duration });
		expect(response.body.count).toBe(all.filter((record) => record.call_duration === duration).length);
	});

	it('filters callerid on the last 10 digits, whatever prefix either side uses', async () => {
		const national = all[5].client_number.replace(/\D/g, '').slice(-10);
		const expected = all.filter((record) => record.client_number.endsWith(national)).length;
		for (const form of [national, `+91${national}`, `0${national}`]) {
			expect((await records({ callerid: form })).body.count).toBe(expected);
		}
		expect((await records({ callerid: '1111111111' })).body.count).toBe(0);
	});

	it('filters destination: the customer for outbound calls, the DID for inbound ones', async () => {
		const outbound = all.find((record) => record.direction === 'outbound');
		const customer = outbound.client_number.replace(/\D/g, '').slice(-10);
		const response = await records({ destination: customer });
		expect(response.body.count).toBe(
			all.filter((record) => record.direction === 'outbound' && record.client_number.endsWith(customer)).length,
		);
		const inbound = all.find((record) => record.direction === 'inbound');
		const viaDid = await records({ destination: inbound.did_number });
		expect(viaDid.body.count).toBe(
			all.filter((record) => record.direction === 'inbound' && record.did_number === inbound.did_number).length,
		);
	});

	it('filters did_number', async () => {
		const did = all[0].did_number;
		const response = await records({ did_number: did.slice(2) });
		expect(response.body.count).toBe(all.filter((record) => record.did_number === did).length);
	});

	it('filters services by a comma list, case-insensitively', async () => {
		const response = await records({ services: 'ivr, click to call' });
		expect(response.body.count).toBe(all.filter((record) => ['IVR', 'Click to call'].includes(record.service)).length);
		expect(response.body.count).toBeGreaterThan(0);
	});

	it('filters agents given as agents[], agents or repeated keys, with or without the agent| prefix', async () => {
		const users = (await request(sandbox.url, '/v1/users', { token, query: { limit: 100 } })).body.data;
		const [first, second] = users.filter((user: Json) => all.some((record) => record.agent_name === user.name));
		const countFor = (...people: Json[]) =>
			all.filter((record) => people.some((user) => record.agent_number_with_prefix === user.agent.follow_me_number)).length;

		expect((await records({ 'agents[]': `agent|${first.agent.id}` })).body.count).toBe(countFor(first));
		expect((await records({ agents: `agent|${first.agent.id}` })).body.count).toBe(countFor(first));
		expect((await records({ agents: first.agent.id })).body.count).toBe(countFor(first));
		const both = await records({ 'agents[]': [`agent|${first.agent.id}`, `agent|${second.agent.id}`] });
		expect(both.body.count).toBe(countFor(first, second));
		expect((await records({ 'agents[0]': `agent|${first.agent.id}`, 'agents[1]': `agent|${second.agent.id}` })).body.count).toBe(
			countFor(first, second),
		);
	});

	it('filters department[] consistently with the department call counts', async () => {
		const departments = (await request(sandbox.url, '/v1/departments', { token })).body;
		const [sales, support] = departments;
		expect((await records({ 'department[]': String(sales.id) })).body.count).toBe(sales.calls_answered + sales.calls_missed);
		const both = await records({ 'department[]': [String(sales.id), String(support.id)] });
		expect(both.body.count).toBe(sales.calls_answered + sales.calls_missed + support.calls_answered + support.calls_missed);
	});

	it('filters ivr[] to the calls that went through those IVRs', async () => {
		const ivrs = (await request(sandbox.url, '/v1/ivrs', { token })).body.ivrs;
		const ivrCalls = all.filter((record) => record.service === 'IVR').length;
		expect(ivrCalls).toBeGreaterThan(0);
		const counts: number[] = [];
		for (const ivr of ivrs) {
			const response = await records({ 'ivr[]': String(ivr.id), limit: 100 });
			expect(response.body.results.every((record: Json) => record.service === 'IVR')).toBe(true);
			counts.push(response.body.count);
		}
		expect(counts.every((count) => count > 0 && count < ivrCalls)).toBe(true);
		expect(counts.reduce((sum, count) => sum + count, 0)).toBe(ivrCalls);
		expect((await records({ 'ivr[]': ivrs.map((ivr: Json) => String(ivr.id)) })).body.count).toBe(ivrCalls);
		expect((await records({ 'ivr[]': '999999' })).body.count).toBe(0);
	});

	it('filters broadcast by its name, case-insensitively, to that broadcast’s calls', async () => {
		const broadcasts = (await request(sandbox.url, '/v2/broadcasts', { token })).body.data;
		const broadcastCalls = all.filter((record) => record.service === 'Broadcast').length;
		expect(broadcastCalls).toBeGreaterThan(0);
		let total = 0;
		for (const broadcast of broadcasts) {
			const response = await records({ broadcast: broadcast.name.toUpperCase(), limit: 100 });
			expect(response.body.count).toBeGreaterThan(0);
			expect(response.body.results.every((record: Json) => record.service === 'Broadcast')).toBe(true);
			total += response.body.count;
		}
		expect(total).toBe(broadcastCalls);
		expect((await records({ broadcast: 'no such campaign' })).body.count).toBe(0);
	});

	it('filters call_id to that call’s record', async () => {
		const response = await records({ call_id: all[7].call_id });
		expect(response.body.results).toEqual([all[7]]);
	});

	it('combines filters', async () => {
		const response = await records({ direction: 'inbound', call_type: 'm' });
		expect(response.body.count).toBe(all.filter((record) => record.direction === 'inbound' && record.status === 'missed').length);
	});
});
