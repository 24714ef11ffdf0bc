import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { firstUser, sandboxGet } from './fixtures';
import { forResource, jsonOf } from './harness';

const DAY_MS = 86_400_000;
/** The IST wall-clock date of an instant, as Smartflo writes dates. */
const istDate = (epochMs: number) => new Date(epochMs + 330 * 60_000).toISOString().slice(0, 10);

let sandbox: SandboxHandle;
let agentId = '';

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 5, callRecords: 0, liveCalls: 0 } });
	({ agentId } = await firstUser(sandbox));
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const { run, fail } = forResource('dialer', () => sandbox.url);
const callbacksBetween = async (from: string, to: string) =>
	(
		(await sandboxGet(sandbox, `/v1/dialer/schedule_call?from_date=${encodeURIComponent(from)}&to_date=${encodeURIComponent(to)}`)) as {
			data: IDataObject[];
		}
	).data;

describe('Dialer → Get Many Callbacks', () => {
	it('sends the range as IST wall-clock times and lists the callbacks in it, soonest first', async () => {
		const today = istDate(Date.now());
		const inAWeek = istDate(Date.now() + 7 * DAY_MS);
		const expected = await callbacksBetween(`${today} 00:00:00`, `${inAWeek} 23:59:59`);
		expect(expected.length).toBeGreaterThan(2);
		// The same instants as UTC ISO strings, as {{ $now }}-style expressions give them.
		const from = new Date(`${today}T00:00:00+05:30`).toISOString();
		const to = new Date(`${inAWeek}T23:59:59+05:30`).toISOString();
		const { output } = await run({ operation: 'getCallbacks', fromDate: from, toDate: to, returnAll: true });
		expect(jsonOf(output)).toEqual(expected);
		expect(output[0].json).toMatchObject({
			agent_id: expect.any(String),
			schedule_date_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/),
			status: expect.any(Number),
		});
		expect((await run({ operation: 'getCallbacks', fromDate: from, toDate: to, limit: 2 })).output).toHaveLength(2);
	});

	it('converts an instant with another offset to the account’s wall-clock time', async () => {
		const day = istDate(Date.now() + 2 * DAY_MS);
		const expected = await callbacksBetween(`${day} 02:30:00`, `${day} 23:59:59`);
		// 01:00 in Dubai is 02:30 in India.
		const { output } = await run({
			operation: 'getCallbacks',
			fromDate: `${day}T01:00:00+04:00`,
			toDate: `${day} 23:59:59`,
			returnAll: true,
			options: { timeZone: 'Asia/Kolkata' },
		});
		expect(jsonOf(output)).toEqual(expected);
	});

	it('turns Smartflo’s { ok: false } refusal (HTTP 200) into an error, and refuses a missing date before calling it', async () => {
		const error = await fail({
			operation: 'getCallbacks',
			fromDate: '2026-09-22 00:00:00',
			toDate: '2026-09-21 00:00:00',
			returnAll: true,
		});
		expect(error.message).toBe('Smartflo refused the request: The to date must be a date after or equal to from date.');
		expect(error.description).toBe('Smartflo answered with ok: false. Check the parameters against the message.');
		expect(error.httpCode).toBe('200');
		expect((await fail({ operation: 'getCallbacks', fromDate: '2026-09-21', toDate: '', returnAll: true })).message).toBe('To is required');
		expect(sandbox.stats().byPath['GET /v1/dialer/schedule_call']).toBe(1);
	});
});

describe('Dialer → Schedule Callback', () => {
	it('schedules the callback at the IST time and it is listed', async () => {
		const due = Date.now() + 3 * DAY_MS;
		const wallClock = `${istDate(due)} 11:45:00`;
		const { output } = await run({
			operation: 'scheduleCallback',
			agentId,
			customerNumber: '+919876500011',
			scheduledFor: new Date(`${istDate(due)}T11:45:00+05:30`).toISOString(),
			additionalFields: { customerName: 'Kavya Nair', reminder: true, reminderMinutes: 15, expiresAfterMinutes: 20 },
		});
		expect(output[0].json).toMatchObject({
			ok: true,
			message: 'Callback scheduled successfully',
			data: { schedule_date_time: wallClock, agent_id: agentId, status: 0 },
		});
		const listed = await callbacksBetween(wallClock, wallClock);
		expect(listed).toEqual([
			expect.objectContaining({ customer_name: 'Kavya Nair', customer_number: '+919876500011', reminder_time: 15, call_end_min: 20 }),
		]);
	});

	it('passes on { ok: false } for a time in the past or an unknown agent; with Continue On Fail the other items go on', async () => {
		const future = `${istDate(Date.now() + DAY_MS)} 10:00:00`;
		const { output } = await run(
			(index) => ({
				operation: 'scheduleCallback',
				agentId: index === 1 ? '0000000000000' : agentId,
				customerNumber: '9876500012',
				scheduledFor: index === 0 ? '2020-01-01 10:00:00' : future,
			}),
			{ items: [{ json: {} }, { json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output.map((item) => item.json.error ?? item.json.message)).toEqual([
			'Smartflo refused the request: The schedule date time must be a date after now.',
			'Smartflo refused the request: Agent not found',
			'Callback scheduled successfully',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses a date it cannot read before calling Smartflo, and reports Smartflo’s validation of the number', async () => {
		expect((await fail({ operation: 'scheduleCallback', agentId, customerNumber: '9876500013', scheduledFor: 'tomorrow' })).message).toBe(
			'Scheduled For: "tomorrow" is not a date and time',
		);
		expect(sandbox.stats().byPath['POST /v1/dialer/schedule_call']).toBeUndefined();
		const error = await fail({
			operation: 'scheduleCallback',
			agentId,
			customerNumber: '123',
			scheduledFor: `${istDate(Date.now() + DAY_MS)} 10:00:00`,
		});
		expect(error.description).toBe('customer_number: The customer number format is invalid.');
	});
});
