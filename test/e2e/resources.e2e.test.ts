import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_ACCOUNT, startSandbox, type SandboxHandle, type SandboxStats } from '../../sandbox/index';
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

describe(`Smartflo resources inside a real n8n ${process.env.N8N_VERSION ?? ''}`, () => {
	let sandbox: SandboxHandle;
	let n8n: N8nInstance;
	let workDir: string;
	let runs: CountedRuns;
	let binaryMode = 'not checked';

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
	}, 15 * 60_000);

	afterAll(async () => {
		if (runs) console.log(`${runs.report}\nRecording binary data: ${binaryMode}`);
		await sandbox?.close();
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
});
