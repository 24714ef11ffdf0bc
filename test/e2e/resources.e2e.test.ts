import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_ACCOUNT, startSandbox, type SandboxHandle, type SandboxStats } from '../../sandbox/index';
import { startFakeServer, type FakeHandler, type FakeReply, type FakeServer } from '../helpers/fake-server';
import { sandboxGet } from '../nodes/fixtures';
import { CountedRuns } from './counted-runs';
import { loadFixture } from './fixtures';
import { installLikeN8n, packThisPackage } from './install-package';
import { N8nInstance, outputOf } from './n8n';
import { installedN8n } from './n8n-process';

/** The sandbox's empty lead list, so that the broadcast's leads are exactly the three added. */
const LEAD_LIST_ID = '5103';
const IVR_ID = '301';
const LEADS = [
	{ phone: '9876501001', name: 'Aarav Shah', city: 'Pune' },
	{ phone: '9876501002', name: 'Diya Menon', city: 'Kochi' },
	{ phone: '9876501003', name: 'Imran Khan', city: 'Lucknow' },
];

/** The counters each workflow's line of the report shows. */
const REPORTED: Array<keyof SandboxStats> = ['loginAttempts', 'logins', 'refreshAttempts', 'apiRequests', 'rejectedTokens'];
const SIGNED_TOKEN = 'Sup3rSecretSignedToken0123456789abcdefgh';
const MB = 1024 * 1024;
const AUDIO = Buffer.from('ID3\u0004 not really frames', 'latin1');

/** A recording host the workflow allows: paths that redirect elsewhere, redirect within, serve audio, too much, or text. */
function recordingHostReplies(foreignUrl: () => string): FakeHandler {
	return (request): FakeReply => {
		const path = request.path.split('?')[0];
		if (path === '/to-foreign')
			return { status: 302, headers: { location: `${foreignUrl()}/file/recording?token=${SIGNED_TOKEN}` }, body: '' };
		if (path === '/to-ok') return { status: 302, headers: { location: `/ok?token=${SIGNED_TOKEN}` }, body: '' };
		if (path === '/ok') return { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: AUDIO.toString('latin1') };
		if (path === '/large') return { status: 200, headers: { 'content-type': 'audio/mpeg' }, stream: { bytes: 64 * MB } };
		return { status: 200, headers: { 'content-type': 'text/plain' }, body: `token=${SIGNED_TOKEN}` };
	};
}

describe(`Smartflo resources inside a real n8n ${process.env.N8N_VERSION ?? ''}`, () => {
	let sandbox: SandboxHandle;
	let n8n: N8nInstance;
	let workDir: string;
	let runs: CountedRuns;
	let binaryMode = 'not checked';
	let recordingHost: FakeServer;
	let foreignHost: FakeServer;

	beforeAll(async () => {
		const cacheDir = installedN8n();
		workDir = mkdtempSync(join(tmpdir(), 'smartflo-e2e-resources-'));
		sandbox = await startSandbox({ seed: { users: 10, callRecords: 40, liveCalls: 0 } });
		n8n = await N8nInstance.create(cacheDir, join(workDir, 'user'));
		runs = new CountedRuns(n8n, sandbox, REPORTED);
		await installLikeN8n(await packThisPackage(join(workDir, 'pack')), n8n.nodesDir, process.env);
		await n8n.importCredentials(
			loadFixture('credentials-campaigns.json', {
				SANDBOX_URL: sandbox.url,
				DEMO_EMAIL: DEMO_ACCOUNT.email,
				DEMO_PASSWORD: DEMO_ACCOUNT.password,
			}),
		);
		await n8n.importWorkflow(
			loadFixture('workflows/broadcast-leads.json', {
				BROADCAST_NAME: `end-to-end ${process.env.N8N_VERSION ?? ''}`.trim(),
				LEAD_LIST_ID,
				IVR_ID,
				LEADS_JSON: JSON.stringify({ leads: LEADS }),
			}),
		);
		await n8n.importWorkflow(loadFixture('workflows/download-recording.json', {}));
		[recordingHost, foreignHost] = await Promise.all([startFakeServer(), startFakeServer()]);
		recordingHost.reply(recordingHostReplies(() => foreignHost.url));
		const link = (base: string, path: string) => ({
			call_id: path.slice(1),
			recording_url: `${base}${path}?callId=1&type=rec&token=${SIGNED_TOKEN}`,
		});
		const links = [
			link(foreignHost.url, '/file/recording'),
			link(recordingHost.url, '/to-foreign'),
			link(recordingHost.url, '/to-ok'),
			link(recordingHost.url, '/large'),
			link(recordingHost.url, '/text'),
		];
		await n8n.importWorkflow(
			loadFixture('workflows/download-recording-hosts.json', { LINKS_JSON: JSON.stringify({ links }), ALLOWED_HOSTS: recordingHost.url }),
		);
	}, 15 * 60_000);

	afterAll(async () => {
		if (runs) console.log(`${runs.report}\nRecording binary data: ${binaryMode}`);
		await Promise.all([sandbox?.close(), recordingHost?.close(), foreignHost?.close()]);
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	it('create a broadcast → add 3 leads from items (in batches of 2, to the broadcast’s lead list) → start it → list its leads', async () => {
		const { run, counters } = await runs.execute('broadcast and leads', 'sfE2eBroadcast1');
		expect(run.output).not.toContain(DEMO_ACCOUNT.password);
		expect(run.ok).toBe(true);

		const [created] = outputOf(run.execution, 'Create Broadcast');
		expect(created.json).toEqual({ success: true, message: 'Broadcast created successfully', broadcast_id: expect.any(Number) });
		const broadcastId = created.json.broadcast_id;

		const batches = outputOf(run.execution, 'Add Leads');
		expect(batches.map((batch) => [batch.json.leads, batch.json.list_id, batch.json.success])).toEqual([
			[2, LEAD_LIST_ID, true],
			[1, LEAD_LIST_ID, true],
		]);
		expect(batches.map((batch) => batch.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }]]);

		expect(outputOf(run.execution, 'Start Broadcast').map((item) => item.json)).toEqual([
			{ success: true, message: 'Broadcast started successfully' },
		]);

		const leads = outputOf(run.execution, 'List Leads');
		expect(leads.map((lead) => [lead.json.field_0, lead.json.field_1, lead.json.field_5])).toEqual(
			LEADS.map((lead) => [lead.phone, lead.name, lead.city]),
		);
		expect(leads.every((lead) => lead.json.list_id === Number(LEAD_LIST_ID))).toBe(true);

		// What Smartflo now holds: the broadcast running on its list, every field as sent.
		const broadcast = ((await sandboxGet(sandbox, `/v1/broadcast/${broadcastId}`)) as { data: Record<string, unknown> }).data;
		expect(broadcast).toMatchObject({
			status: 1,
			phone_number_list: LEAD_LIST_ID,
			destination: `ivr||${IVR_ID}`,
			timeout: 45,
			concurrent_limit: 2,
			number_of_retry: 1,
			retry_dialstatus: [1, 3],
			total_leads: 3,
		});

		// One login; the broadcast looked up once per lead operation (its lead list ID is what the lead endpoints get).
		expect(counters).toMatchObject({ loginAttempts: 1, logins: 1, rejectedTokens: 0, apiRequests: 7 });
		expect(counters.byPath).toMatchObject({
			'POST /v1/broadcast': 1,
			'GET /v1/broadcast/{id}': 2,
			'POST /v1/broadcast/leads/{id}': 2,
			'GET /v1/broadcast/start/{id}': 1,
			'GET /v1/broadcast/leads/{id}': 1,
		});
		expect(counters.byPath[`POST /v1/broadcast/lead/{id}`]).toBeUndefined();
	});

	it('Download Recording: the newest answered call’s recording as binary data, without its signed URL in the item', async () => {
		const { run, counters } = await runs.execute('download recording', 'sfE2eRecording1');
		expect(run.ok).toBe(true);
		const [record] = outputOf(run.execution, 'Answered Call');
		const [item] = outputOf(run.execution, 'Download Recording') as Array<{
			json: Record<string, unknown>;
			binary?: Record<string, Record<string, unknown>>;
		}>;
		expect(item.json.call_id).toBe(record.json.call_id);
		expect(item.json).not.toHaveProperty('recording_url');
		const served = Buffer.from(await (await fetch(String(record.json.recording_url))).arrayBuffer());
		const binary = item.binary?.data;
		expect(binary).toMatchObject({
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: `${String(record.json.call_id).replace(/[^\w.-]/g, '_')}.mp3`,
		});
		// In n8n's default binary mode the bytes travel in the item; in filesystem mode (2.x) the item refers to a file n8n wrote.
		if (typeof binary?.id === 'string') {
			const stored = readFileSync(join(n8n.userFolder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, '')));
			expect(stored.equals(served)).toBe(true);
			binaryMode = `in n8n's file store (${binary.id.split(':')[0]}), ${stored.length} bytes equal to what the sandbox served`;
		} else {
			expect(Buffer.from(String(binary?.data), 'base64').equals(served)).toBe(true);
			binaryMode = `in the item, ${served.length} bytes equal to what the sandbox served`;
		}
		// The token the first workflow stored in n8n's database is used again: no login.
		expect(counters).toMatchObject({ loginAttempts: 0, apiRequests: 1 });
		expect(counters.byPath['GET /file/recording']).toBe(1);
	});

	it('Download Recording fetches only allowed hosts, follows redirects only among them, stops past the size limit, refuses text', async () => {
		const { run } = await runs.execute('download recording: hosts', 'sfE2eRecordingHosts1');
		expect(run.ok).toBe(true);
		const items = outputOf(run.execution, 'Download Recording') as Array<{
			json: Record<string, unknown>;
			binary?: Record<string, Record<string, unknown>>;
		}>;
		expect(items.map((item) => item.json.error ?? 'downloaded')).toEqual([
			`The link to the recording points to ${new URL(foreignHost.url).host}, which is not an allowed host`,
			`The recording’s server redirected: the new link points to ${new URL(foreignHost.url).host}, which is not an allowed host`,
			'downloaded',
			'The recording is larger than the limit of 1 MB',
			'The link to the recording answered with text/plain instead of an audio file',
		]);
		expect(foreignHost.connections()).toBe(0);
		const binary = items[2].binary?.data;
		if (typeof binary?.id === 'string') {
			expect(readFileSync(join(n8n.userFolder, '.n8n', 'storage', binary.id.replace(/^filesystem(-v2)?:/, ''))).equals(AUDIO)).toBe(true);
		} else {
			expect(Buffer.from(String(binary?.data), 'base64').equals(AUDIO)).toBe(true);
		}
		expect(recordingHost.requests.map((request) => request.path.split('?')[0])).toEqual([
			'/to-foreign',
			'/to-ok',
			'/ok',
			'/large',
			'/text',
		]);
		// 64 MB were offered against a 1 MB limit: n8n's helper streamed, and reading stopped past the limit.
		expect(recordingHost.streamedBytes()).toBeLessThan(17 * MB);
		expect(JSON.stringify(items)).not.toContain(SIGNED_TOKEN);
	});
});
