import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type PlayedCall, type SandboxHandle } from '../../sandbox/index';
import { closedPortUrl } from '../helpers/fake-server';
import { sleep } from '../helpers/wait';
import { firstUser, sandboxGet } from '../nodes/fixtures';
import { passwordCredential, tokenCredential } from '../nodes/harness';
import { callIds, drain, Poller, recordRequests, type PollerOptions } from './harness';

const start = (record: IDataObject) => `${record.date} ${record.time}`;
/** The IST wall clock of an instant, as Smartflo's records and filters have it. */
const ist = (epochMs: number) => new Date(epochMs + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');

describe('Smartflo Call Record Trigger: polls against the sandbox', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { users: 4, callRecords: 40, liveCalls: 0 } });
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.clearFaults();
		sandbox.resetStats();
	});

	const poller = (parameters: IDataObject = {}, options: Partial<PollerOptions> = {}) =>
		new Poller({ store: passwordCredential(sandbox.url), parameters, ...options });

	it('the first poll emits nothing and remembers what is there; later polls emit each new record once, oldest first', async () => {
		const trigger = poller();
		const existing = await sandbox.playCall({ outcome: 'answered' });
		const first = await trigger.poll();
		expect(first.returned).toBeNull();
		expect(Object.values(trigger.staticData.seen as IDataObject)).not.toHaveLength(0);
		expect(trigger.staticData.polledAtMs).toEqual(expect.any(Number));

		const calls = [
			await sandbox.playCall({ kind: 'inbound', outcome: 'answered' }),
			await sandbox.playCall({ kind: 'inbound', outcome: 'missed' }),
			await sandbox.playCall({ kind: 'clickToCall', outcome: 'answered' }),
		];
		const second = await trigger.poll();
		// Oldest first; Smartflo's order of calls that started in the same second is its own.
		expect(callIds(second.records).sort()).toEqual(calls.map((call) => call.callId).sort());
		expect(second.records.map(start)).toEqual(second.records.map(start).sort());
		expect(callIds(second.records)).not.toContain(existing.callId);
		expect(second.records.find((record) => record.call_id === calls[0].callId)).toMatchObject({
			status: 'answered',
			direction: 'inbound',
			uuid: calls[0].uuid,
		});
		expect(second.returned?.[0].map((item) => Object.keys(item))).toEqual([['json'], ['json'], ['json']]);

		// The next polls read the same records again (they are inside the late-records window) and emit nothing.
		for (let poll = 0; poll < 3; poll++) expect((await trigger.poll()).returned).toBeNull();
		const window = (await sandboxGet(
			sandbox,
			`/v1/call/records?limit=100&from_date=${encodeURIComponent(ist(Date.now() - 3_600_000))}`,
		)) as {
			results: IDataObject[];
		};
		expect(callIds(window.results)).toEqual(expect.arrayContaining(calls.map((call) => call.callId)));
		expect(callIds(trigger.emitted).sort()).toEqual(calls.map((call) => call.callId).sort());
	});

	it('each poll is one request while a window holds fewer records than a page, and the static data stays bounded to the window', async () => {
		const trigger = poller({ options: { lateRecordsMinutes: 1 } });
		await trigger.poll();
		await sandbox.playCall({ outcome: 'missed' });
		sandbox.resetStats();
		await trigger.poll();
		await trigger.poll();
		expect(recordRequests(sandbox)).toBe(2);
		const seen = trigger.staticData.seen as Record<string, string>;
		expect(Object.values(seen).every((started) => started >= ist(Date.now() - 2 * 60_000))).toBe(true);
	});

	it('New Missed Call, New Answered Call and New Recording emit only their records; the filters of Get Many apply', async () => {
		const { agentId } = await firstUser(sandbox);
		const triggers = {
			missed: poller({ event: 'newMissedCall' }),
			answered: poller({ event: 'newAnsweredCall' }),
			recording: poller({ event: 'newRecording' }),
			outbound: poller({ event: 'newCallRecord', filters: { direction: 'outbound' } }),
			customer: poller({ event: 'newCallRecord', filters: { callerNumber: '9876500077', agents: [agentId] } }),
		};
		for (const trigger of Object.values(triggers)) await trigger.poll();
		const calls = {
			answered: await sandbox.playCall({ kind: 'inbound', outcome: 'answered' }),
			missed: await sandbox.playCall({ kind: 'inbound', outcome: 'missed', customerNumber: '9876500077', agent: agentId }),
			unrecorded: await sandbox.playCall({ kind: 'clickToCall', outcome: 'answered', recorded: false }),
			missedOutbound: await sandbox.playCall({ kind: 'clickToCall', outcome: 'missed' }),
		};
		// Sorted: Smartflo's order of calls that started in the same second is its own.
		const emitted = async (trigger: Poller) => callIds((await trigger.poll()).records).sort();
		const sorted = (...ids: string[]) => ids.sort();

		expect(await emitted(triggers.missed)).toEqual(sorted(calls.missed.callId, calls.missedOutbound.callId));
		expect(await emitted(triggers.answered)).toEqual(sorted(calls.answered.callId, calls.unrecorded.callId));
		expect(await emitted(triggers.recording)).toEqual([calls.answered.callId]);
		expect(await emitted(triggers.outbound)).toEqual(sorted(calls.unrecorded.callId, calls.missedOutbound.callId));
		expect(await emitted(triggers.customer)).toEqual([calls.missed.callId]);
		expect(triggers.recording.emitted.every((record) => typeof record.recording_url === 'string')).toBe(true);
	});

	it('a record that lands late (it started before the last poll) is caught once inside the late-records window', async () => {
		const trigger = poller();
		await trigger.poll();
		await trigger.poll();
		const lastPoll = trigger.staticData.polledAtMs as number;
		const late = await sandbox.playCall({ outcome: 'answered', startedSecondsAgo: 600 });
		const caught = await trigger.poll();
		expect(callIds(caught.records)).toEqual([late.callId]);
		expect(start(caught.records[0]) < ist(lastPoll)).toBe(true);
		expect((await trigger.poll()).returned).toBeNull();
		expect(callIds(trigger.emitted)).toEqual([late.callId]);
	});

	it('a record later than the window is not caught (the documented limit); one within a shorter window is', async () => {
		const trigger = poller({ options: { lateRecordsMinutes: 5 } });
		await trigger.poll();
		const tooLate = await sandbox.playCall({ startedSecondsAgo: 600 });
		const inTime = await sandbox.playCall({ startedSecondsAgo: 240 });
		expect(callIds((await trigger.poll()).records)).toEqual([inTime.callId]);
		expect(callIds(trigger.emitted)).not.toContain(tooLate.callId);
	});

	it('a manual test returns the newest matching record and leaves the static data alone', async () => {
		const missed = await sandbox.playCall({ outcome: 'missed' });
		const answered = await sandbox.playCall({ outcome: 'answered' });
		await sandbox.playCall({ outcome: 'answered', recorded: false });

		const any = poller();
		expect(callIds((await any.test()).records)).toHaveLength(1);
		const newest = (await sandboxGet(sandbox, '/v1/call/records?limit=1')) as { results: IDataObject[] };
		expect((await any.test()).records).toEqual(newest.results);
		expect(callIds((await poller({ event: 'newMissedCall' }).test()).records)).toEqual([missed.callId]);
		expect(callIds((await poller({ event: 'newRecording' }).test()).records)).toEqual([answered.callId]);
		expect(any.staticData).toEqual({});
	});

	it('a manual test with nothing to show says so', async () => {
		const error = await poller({ event: 'newMissedCall', filters: { callerNumber: '9000000001' } }).pollError('manual');
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('Smartflo has no call record for “New Missed Call” with these filters yet');
		expect(error.description).toMatch(/Place a test call, or change the filters/);
	});

	it('carries on from its static data after a restart: no repeats, nothing skipped', async () => {
		const before = poller();
		await before.poll();
		const first = await sandbox.playCall();
		expect(callIds((await before.poll()).records)).toEqual([first.callId]);
		const during = await sandbox.playCall({ outcome: 'missed' });
		const after = poller({}, { staticData: structuredClone(before.staticData) });
		expect(callIds((await after.poll()).records)).toEqual([during.callId]);
	});

	describe('errors', () => {
		it.each([
			['a server error', { type: 'serverError', status: 503 } as const, /^Smartflo had a server error \(HTTP 503\)/],
			['an HTML error page', { type: 'html', status: 502 } as const, /^Smartflo answered with an HTML error page \(HTTP 502\)/],
			['a cut-off body', { type: 'truncatedJson' } as const, /^Smartflo answered with a body that is not valid JSON/],
			['rate limiting', { type: 'rateLimit', retryAfter: '5' } as const, /^Smartflo is rate limiting requests \(HTTP 429\)/],
		])('%s: a NodeApiError, the static data unchanged, and the next poll emits what arrived meanwhile', async (_name, fault, message) => {
			const trigger = poller();
			await trigger.poll();
			const call = await sandbox.playCall();
			const kept = structuredClone(trigger.staticData);
			sandbox.injectFault({ ...fault, match: '/v1/call/records' });
			const error = await trigger.pollError();
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(message);
			expect(trigger.staticData).toEqual(kept);
			expect(callIds((await trigger.poll()).records)).toEqual([call.callId]);
		});

		it('a wrong password: the login’s error, the static data unchanged', async () => {
			const store = passwordCredential(sandbox.url);
			const trigger = new Poller({ store });
			await trigger.poll();
			const kept = structuredClone(trigger.staticData);
			store.stored.password = 'not-the-password';
			const error = await trigger.pollError();
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/^Wrong email or password/);
			expect(JSON.stringify(error)).not.toContain('not-the-password');
			expect(trigger.staticData).toEqual(kept);
		});

		it('a refused access token: what to do about it; an expired login token is renewed and the poll goes on', async () => {
			const token = sandbox.issueToken({ kind: 'api-connect' });
			const refused = new Poller({ store: tokenCredential(sandbox.url, token) });
			await refused.poll();
			sandbox.revokeToken(token);
			const error = await refused.pollError();
			expect(error.message).toMatch(/^Smartflo rejected the access token \(HTTP 401\)/);
			expect(error.description).toMatch(/Generate a new token in Smartflo API Connect/);
			expect(JSON.stringify(error)).not.toContain(token);

			const store = passwordCredential(sandbox.url);
			const renewed = new Poller({ store });
			await renewed.poll();
			sandbox.expireAllTokens();
			const call = await sandbox.playCall();
			sandbox.resetStats();
			expect(callIds((await renewed.poll()).records)).toEqual([call.callId]);
			expect(sandbox.stats().logins).toBe(1);
		});

		it('Smartflo unreachable: the connection error; the first poll then records nothing', async () => {
			const trigger = new Poller({ store: passwordCredential(await closedPortUrl()) });
			const error = await trigger.pollError();
			expect(error.constructor.name).toBe('NodeApiError');
			expect(error.message).toMatch(/ECONNREFUSED|connect|reach/i);
			expect(trigger.staticData).toEqual({});
		});

		it('settings it cannot use are refused before anything is sent', async () => {
			const messages = await Promise.all(
				[
					{ options: { timeZone: 'Mars/Olympus' } },
					{ options: { lateRecordsMinutes: 0 } },
					{ options: { maxRecordsPerPoll: 5001 } },
					{ event: 'newVoicemail' },
				].map(async (parameters) => (await poller(parameters).pollError()).message),
			);
			expect(messages).toEqual([
				'Time Zone: "Mars/Olympus" is not a time zone',
				'Late Records Window must be a whole number of minutes from 1 to 1440',
				'Max Records per Poll must be a whole number from 1 to 5000',
				'Event "newVoicemail" is not one this trigger knows',
			]);
			expect(recordRequests(sandbox)).toBe(0);
		});
	});
});

describe('Smartflo Call Record Trigger: more records than one poll reads', () => {
	let sandbox: SandboxHandle;
	beforeEach(async () => {
		sandbox = await startSandbox({ seed: { users: 2, callRecords: 0, liveCalls: 0 } });
	});
	afterEach(() => sandbox.close());

	/** Each poll's emitted call ids and requests, until a round of polls emits nothing (harness.ts drain). */
	async function drainCounted(trigger: Poller): Promise<Array<{ callIds: unknown[]; requests: number }>> {
		const polls: Array<{ callIds: unknown[]; requests: number }> = [];
		await drain(trigger, async () => {
			sandbox.resetStats();
			const { records } = await trigger.poll();
			polls.push({ callIds: callIds(records), requests: recordRequests(sandbox) });
			return records.length;
		});
		return polls;
	}

	it('reads the newest first, the rest on the next polls: every record once, one page per poll', async () => {
		const trigger = new Poller({ store: passwordCredential(sandbox.url), parameters: { options: { maxRecordsPerPoll: 5 } } });
		await trigger.poll();
		// Twelve calls that started a second apart, oldest first.
		const calls: PlayedCall[] = [];
		for (let ago = 12; ago >= 1; ago--) calls.push(await sandbox.playCall({ startedSecondsAgo: ago }));
		sandbox.resetStats();
		const newest = await trigger.poll();
		expect(callIds(newest.records)).toEqual(calls.slice(7).map((call) => call.callId));
		expect(trigger.staticData.backlog).toEqual({ from: expect.any(String), to: start(newest.records[0]) });
		expect(recordRequests(sandbox)).toBe(1);
		const midway = await sandbox.playCall({ outcome: 'missed' });
		const polls = await drainCounted(trigger);

		const all = trigger.emitted;
		expect(callIds(all).sort()).toEqual([...calls, midway].map((call) => call.callId).sort());
		expect(new Set(callIds(all)).size).toBe(all.length);
		// The older seven come over the next two polls, oldest first within each; the new call once the backlog is read.
		const ids = (from: number, to: number) => calls.slice(from, to).map((call) => call.callId);
		expect(polls.slice(0, 2).map((poll) => poll.callIds)).toEqual([ids(3, 7), ids(0, 3)]);
		expect(callIds(all.slice(12))).toEqual([midway.callId]);
		expect(polls.every((poll) => poll.requests === 1)).toBe(true);
		expect(trigger.staticData.backlog).toBeUndefined();
	});

	it('Smartflo’s smaller pages: the bound holds in records, so a poll sends Max Records ÷ page size requests', async () => {
		sandbox.configure({ maxPageSize: 2 });
		const trigger = new Poller({ store: passwordCredential(sandbox.url), parameters: { options: { maxRecordsPerPoll: 5 } } });
		await trigger.poll();
		const calls: PlayedCall[] = [];
		for (let ago = 9; ago >= 1; ago--) calls.push(await sandbox.playCall({ startedSecondsAgo: ago }));
		const polls = await drainCounted(trigger);
		expect(callIds(trigger.emitted).sort()).toEqual(calls.map((call) => call.callId).sort());
		expect(Math.max(...polls.map((poll) => poll.requests))).toBe(3);
	});

	it('more calls in one second than one poll reads: that second is read whole, nothing lost', async () => {
		const trigger = new Poller({ store: passwordCredential(sandbox.url), parameters: { options: { maxRecordsPerPoll: 3 } } });
		await trigger.poll();
		// Start at a fresh second so that all eight calls start within it.
		await sleep(1000 - (Date.now() % 1000) + 20);
		const calls: PlayedCall[] = [];
		for (let index = 0; index < 8; index++) calls.push(await sandbox.playCall({ startedSecondsAgo: 5 }));
		const records = ((await sandboxGet(sandbox, '/v1/call/records?limit=100')) as { results: IDataObject[] }).results;
		expect(new Set(records.map(start)).size).toBe(1);

		await drainCounted(trigger);
		expect(callIds(trigger.emitted).sort()).toEqual(calls.map((call) => call.callId).sort());
		expect(new Set(callIds(trigger.emitted)).size).toBe(8);
	});

	it('the first poll of a busy account: what started before it is not emitted, even past Max Records per Poll', async () => {
		for (let ago = 30; ago >= 1; ago -= 3) await sandbox.playCall({ startedSecondsAgo: ago });
		const trigger = new Poller({ store: passwordCredential(sandbox.url), parameters: { options: { maxRecordsPerPoll: 4 } } });
		expect((await trigger.poll()).returned).toBeNull();
		const call = await sandbox.playCall();
		await drainCounted(trigger);
		expect(callIds(trigger.emitted)).toEqual([call.callId]);
	});
});
