import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { request, type Json } from './helpers';

/** The IST wall clock `YYYY-MM-DD HH:MM:SS` of an instant, as Smartflo's records and filters have it. */
const ist = (epochMs: number) => new Date(epochMs + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');

describe('sandbox: a call it plays ends with a call record, as on Smartflo', () => {
	let sandbox: SandboxHandle;
	let receiver: FakeServer;
	let token: string;

	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { callRecords: 0, liveCalls: 0 } });
		receiver = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
		token = sandbox.issueToken({ kind: 'permanent' });
	});
	afterEach(() => sandbox.clearWebhooks());
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});

	const records = async (query: Record<string, string | number> = {}): Promise<Json[]> =>
		(await request(sandbox.url, '/v1/call/records', { token, query: { limit: 100, ...query } })).body.results;
	const recordOf = async (callId: string) => (await records({ call_id: callId }))[0];

	it('writes the record once the call’s webhooks are out: same call_id, uuid, numbers, agent and recording link', async () => {
		sandbox.registerWebhook({ url: `${receiver.url}/hangup`, trigger: 'Call hangup (Answered)' });
		const before = Date.now();
		const played = await sandbox.playCall({ kind: 'inbound', outcome: 'answered', customerNumber: '9876500011', talkSeconds: 30 });
		const record = await recordOf(played.callId);
		const delivered = JSON.parse(receiver.requests.at(-1)?.body ?? '{}') as Json;

		expect(record).toMatchObject({
			call_id: played.callId,
			uuid: played.uuid,
			direction: 'inbound',
			status: 'answered',
			service: 'Department',
			client_number: '9876500011',
			answered_seconds: 30,
			call_duration: 36,
		});
		expect(`${record.date} ${record.time}` >= ist(before - 1000)).toBe(true);
		expect(delivered.call_id).toBe(played.callId);
		// The link the webhook carried opens the record's recording (the records endpoint points it at the sandbox).
		expect(new URL(record.recording_url).searchParams.get('token')).toBe(new URL(delivered.recording_url).searchParams.get('token'));
		const download = await fetch(record.recording_url);
		expect(download.status).toBe(200);
	});

	it('gives each kind and outcome its record: missed calls have no recording, nor do calls with recorded: false', async () => {
		const missed = await sandbox.playCall({ kind: 'inbound', outcome: 'missed' });
		const clickToCall = await sandbox.playCall({ kind: 'clickToCall', outcome: 'answered' });
		const unrecorded = await sandbox.playCall({ kind: 'clickToCallSupport', outcome: 'answered', recorded: false });
		const ivr = await sandbox.playCall({ kind: 'inbound', digits: '2' });

		expect(await recordOf(missed.callId)).toMatchObject({ status: 'missed', answered_seconds: 0, recording_url: null, call_duration: 30 });
		expect(await recordOf(clickToCall.callId)).toMatchObject({ direction: 'outbound', service: 'Click to call', status: 'answered' });
		expect((await recordOf(clickToCall.callId)).recording_url).toMatch(/\/file\/recording\?/);
		expect(await recordOf(unrecorded.callId)).toMatchObject({
			status: 'answered',
			recording_url: null,
			aws_call_recording_identifier: null,
		});
		expect(await recordOf(ivr.callId)).toMatchObject({ service: 'IVR', dtmf_input: '2' });
		expect(await records({ call_type: 'm' })).toEqual([expect.objectContaining({ call_id: missed.callId })]);
	});

	it('startedSecondsAgo: the call started that long ago, and its record appears only now, behind newer ones', async () => {
		const now = await sandbox.playCall({ outcome: 'answered' });
		const late = await sandbox.playCall({ outcome: 'missed', startedSecondsAgo: 600 });
		const record = await recordOf(late.callId);
		const start = `${record.date} ${record.time}`;

		expect(start <= ist(Date.now() - 599_000)).toBe(true);
		expect(start >= ist(Date.now() - 605_000)).toBe(true);
		// Newest first by start: the late record lists after the one played before it.
		const ids = (await records()).map((entry) => entry.call_id);
		expect(ids.indexOf(late.callId)).toBeGreaterThan(ids.indexOf(now.callId));
		// It is in the window of a poll that reads from before its start, and not in one that starts after.
		expect((await records({ from_date: ist(Date.now() - 700_000) })).map((entry) => entry.call_id)).toContain(late.callId);
		expect((await records({ from_date: ist(Date.now() - 300_000) })).map((entry) => entry.call_id)).not.toContain(late.callId);
	});

	it('refuses startedSecondsAgo and recorded values it cannot play', () => {
		expect(() => sandbox.playCall({ startedSecondsAgo: -1 })).toThrow(/startedSecondsAgo must be a whole number from 0 to 2592000/);
		expect(() => sandbox.playCall({ startedSecondsAgo: 1.5 })).toThrow(/startedSecondsAgo/);
		expect(() => sandbox.playCall({ startedSecondsAgo: 31 * 86_400 })).toThrow(/startedSecondsAgo/);
		expect(() => sandbox.playCall({ recorded: 'no' as never })).toThrow(/recorded must be true or false/);
	});

	it('the admin API plays a late call too, and from_date / to_date compare whole seconds as Smartflo does', async () => {
		const response = await request(sandbox.url, '/__sandbox/webhooks/calls', { body: { outcome: 'answered', startedSecondsAgo: 90 } });
		expect(response.status).toBe(200);
		const record = await recordOf(response.body.callId);
		const start = `${record.date} ${record.time}`;
		// The record started within its second, after the second's start: a window ending at that second still holds it.
		expect((await records({ from_date: start, to_date: start })).map((entry) => entry.call_id)).toContain(response.body.callId);
	});

	it('a click to call writes its record when the live call ends, once, with or without webhooks', async () => {
		sandbox.registerWebhook({ url: `${receiver.url}/c2c`, trigger: 'Call hangup (Answered)' });
		const agent = (await request(sandbox.url, '/v1/users', { token, query: { limit: 1 } })).body.data[0].agent.id;
		const placed = await request(sandbox.url, '/v1/click_to_call', {
			token,
			body: { agent_number: agent, destination_number: '9876500012', async: 1, get_call_id: 1 },
		});
		const callId = placed.body.call_id as string;
		await sandbox.webhooksIdle();
		expect(await records({ call_id: callId })).toEqual([]);
		await request(sandbox.url, '/v1/call/hangup', { token, body: { call_id: callId } });
		expect(await records({ call_id: callId })).toEqual([expect.objectContaining({ call_id: callId, client_number: '9876500012' })]);
	});
});
