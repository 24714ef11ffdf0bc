import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEMO_ACCOUNT, startSandbox, type SandboxHandle, type SandboxStats } from '../../sandbox/index';
import { customerWithNotes, firstUser, sandboxGet } from '../nodes/fixtures';
import { CountedRuns } from './counted-runs';
import { loadFixture } from './fixtures';
import { installLikeN8n, packThisPackage } from './install-package';
import { N8nInstance, outputOf } from './n8n';
import { installedN8n } from './n8n-process';

const WRONG_PASSWORD = 'Wrong-e2e-Pa55!';
const USERS = 25;
const PAGE_CAP = 10;
const CALLS = 200;
const BAD_CALL_INDEX = 57;
/** The n8n of the matrix this run uses (test/e2e/run.sh sets it; install-n8n.sh has the default). */
const N8N_MAJOR = Number((process.env.N8N_VERSION ?? '2').split('.')[0]);

/** The counters each workflow's line of the report shows. */
const REPORTED: Array<keyof SandboxStats> = [
	'loginAttempts',
	'logins',
	'failedLogins',
	'refreshAttempts',
	'refreshes',
	'apiRequests',
	'rejectedTokens',
];

describe(`n8n-nodes-smartflo inside a real n8n ${process.env.N8N_VERSION ?? ''}`, () => {
	let sandbox: SandboxHandle;
	let n8n: N8nInstance;
	let workDir: string;
	let runs: CountedRuns;

	beforeAll(async () => {
		const cacheDir = installedN8n();
		workDir = mkdtempSync(join(tmpdir(), 'smartflo-e2e-'));
		sandbox = await startSandbox({ maxPageSize: PAGE_CAP, seed: { users: USERS } });
		n8n = await N8nInstance.create(cacheDir, join(workDir, 'user'));
		runs = new CountedRuns(n8n, sandbox, REPORTED);

		const tarball = await packThisPackage(join(workDir, 'pack'));
		await installLikeN8n(tarball, n8n.nodesDir, process.env);
		// A package with no dependencies and n8n-workflow as a peer: nothing else may land beside it.
		expect(readdirSync(join(n8n.nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['n8n-nodes-smartflo']);

		await n8n.importCredentials(
			loadFixture('credentials.json', {
				SANDBOX_URL: sandbox.url,
				DEMO_EMAIL: DEMO_ACCOUNT.email,
				DEMO_PASSWORD: DEMO_ACCOUNT.password,
				WRONG_PASSWORD,
			}),
		);
		for (const workflow of ['users-return-all', 'token-chain', 'wrong-password', 'access-token']) {
			await n8n.importWorkflow(loadFixture(`workflows/${workflow}.json`, {}));
		}
		await n8n.importWorkflow(
			loadFixture('workflows/click-to-call-batch.json', { CALL_LIST_JSON: JSON.stringify({ calls: await callList() }) }),
		);
		await n8n.importWorkflow(loadFixture('workflows/pickers-v2-dialer.json', await pickerValues()));
		// npm run test:e2e installs n8n before jest starts; run directly, the first install takes minutes.
	}, 15 * 60_000);

	afterAll(async () => {
		if (runs) console.log(runs.report);
		await sandbox?.close();
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	async function callList() {
		const agent = (await firstUser(sandbox)).agentId;
		sandbox.resetStats();
		return Array.from({ length: CALLS }, (_, index) => ({
			agent,
			destination: index === BAD_CALL_INDEX ? '12345' : `98${String(10_000_000 + index).padStart(8, '0')}`,
		}));
	}

	/** IDs of the sandbox's account for the version 2 workflow's resource locators. */
	async function pickerValues(): Promise<Record<string, string>> {
		const [number] = (await sandboxGet(sandbox, '/v1/my_number')) as Array<{ id: number; did: string; alias: string }>;
		const lists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as Array<{ id: number }>;
		const { userId, agentId } = await firstUser(sandbox);
		notedCustomer = await customerWithNotes(sandbox, 1);
		return {
			CAMPAIGN_NAME: `e2e campaign ${Date.now()}`,
			NUMBER_ID: String(number.id),
			NUMBER_LABEL: `${number.did} (${number.alias})`,
			DID: number.did,
			LEAD_LIST_ID: String(lists[0].id),
			OTHER_LEAD_LIST_ID: String(lists[1].id),
			AGENT_ID: agentId,
			AGENT_LABEL: `Agent (${agentId})`,
			USER_ID: String(userId),
			CUSTOMER_NUMBER: notedCustomer.number,
		};
	}
	let notedCustomer: { number: string; count: number };

	it('1. password credential, Get Many Users with Return All over 3 pages: every user, exactly 1 login', async () => {
		const { run, counters } = await runs.execute('1 users, first run', 'sfE2eUsersAll01');
		expect(run.output).not.toContain(DEMO_ACCOUNT.password);
		expect(run.ok).toBe(true);
		const users = outputOf(run.execution, 'Get Users');
		expect(users).toHaveLength(USERS);
		expect(new Set(users.map((user) => user.json.id)).size).toBe(USERS);
		expect(users.every((user) => typeof (user.json.agent as { id?: string })?.id === 'string')).toBe(true);
		expect(counters).toMatchObject({ logins: 1, loginAttempts: 1, apiRequests: Math.ceil(USERS / PAGE_CAP) });
	});

	it("2. the same workflow again: 0 logins, the token is reused from n8n's database", async () => {
		const { run, counters } = await runs.execute('2 users, second run', 'sfE2eUsersAll01');
		expect(run.ok).toBe(true);
		expect(outputOf(run.execution, 'Get Users')).toHaveLength(USERS);
		expect(counters).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: Math.ceil(USERS / PAGE_CAP) });
	});

	it("3. the stored token expired on Smartflo's side: the run still succeeds with exactly one renewal", async () => {
		sandbox.expireAllTokens();
		const { run, counters } = await runs.execute('3 users, token expired upstream', 'sfE2eUsersAll01');
		expect(run.ok).toBe(true);
		expect(outputOf(run.execution, 'Get Users')).toHaveLength(USERS);
		expect(counters.logins + counters.refreshes).toBe(1);
		expect(counters.failedLogins).toBe(0);
	});

	it('4. token chain Login → Refresh → Inspect: a new token, a later expiry, seconds left > 0', async () => {
		const { run, counters } = await runs.execute('4 token chain', 'sfE2eTokenChain');
		expect(run.ok).toBe(true);
		const [login] = outputOf(run.execution, 'Login');
		const [refreshed] = outputOf(run.execution, 'Refresh');
		const [inspected] = outputOf(run.execution, 'Inspect');
		expect(typeof login.json.accessToken).toBe('string');
		expect(refreshed.json.accessToken).not.toBe(login.json.accessToken);
		expect(Date.parse(refreshed.json.expiresAt as string)).toBeGreaterThan(Date.parse(login.json.expiresAt as string));
		expect(inspected.json.secondsRemaining).toBeGreaterThan(0);
		expect(inspected.json.expired).toBe(false);
		expect(counters).toMatchObject({ logins: 1, refreshes: 1 });
	});

	it('5. wrong password: the execution fails naming the cause, without the password, after at most 2 login attempts', async () => {
		const { run, counters } = await runs.execute('5 wrong password', 'sfE2eWrongPass1');
		expect(run.ok).toBe(false);
		expect(run.output).toMatch(/wrong email or password/i);
		expect(run.output).not.toContain(WRONG_PASSWORD);
		expect(counters.loginAttempts).toBeGreaterThanOrEqual(1);
		expect(counters.loginAttempts).toBeLessThanOrEqual(2);
		expect(counters.logins).toBe(0);
	});

	it('6. access-token credential: a Smartflo call succeeds with no login at all', async () => {
		// Minted now: workflow 3 expired every token issued before it.
		const token = sandbox.issueToken({ kind: 'permanent' });
		await n8n.importCredentials(loadFixture('credentials-access-token.json', { SANDBOX_URL: sandbox.url, PERMANENT_TOKEN: token }));
		const { run, counters } = await runs.execute('6 access token', 'sfE2eAccessTok1');
		expect(run.ok).toBe(true);
		expect(outputOf(run.execution, 'My Numbers').length).toBeGreaterThan(0);
		expect(counters).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: 1, rejectedTokens: 0 });
		expect(run.output).not.toContain(token);
	});

	it(`7. ${CALLS} items into a version 1 Click to Call (0.2.0's workflow) with Continue On Fail, item ${BAD_CALL_INDEX} a 5-digit number: ${CALLS - 1} calls, 1 error item at ${BAD_CALL_INDEX} refused before sending, 1 login`, async () => {
		const { run, counters } = await runs.execute('7 click to call x200', 'sfE2eClickBatch');
		expect(run.ok).toBe(true);
		const items = outputOf(run.execution, 'Click to Call');
		expect(items).toHaveLength(CALLS);
		const failed = items.map((item, index) => ({ item, index })).filter(({ item }) => item.json.error !== undefined);
		expect(failed.map(({ index }) => index)).toEqual([BAD_CALL_INDEX]);
		expect(String(failed[0].item.json.error)).toBe('Destination Number must have 10 to 15 digits (a leading + or 0 not counted)');
		expect(failed[0].item.pairedItem).toEqual({ item: BAD_CALL_INDEX });
		const succeeded = items.filter((item) => item.json.error === undefined);
		expect(succeeded).toHaveLength(CALLS - 1);
		expect(succeeded.every((item) => item.json.success === true && typeof item.json.ref_id === 'string')).toBe(true);
		// The 5-digit number never reaches Smartflo.
		expect(counters).toMatchObject({ logins: 1, apiRequests: CALLS - 1 });
	});

	it(`8. Smartflo answers 403 "Token has expired": renewed once and resent, by ${N8N_MAJOR >= 2 ? 'n8n (preAuthenticationRetryStatusCode)' : 'the node (this n8n has no option for it)'}`, async () => {
		sandbox.injectFault({ type: 'unauthorized', status: 403, match: '/v1/users', times: 1 });
		const { run, counters } = await runs.execute('8 users, 403 refusal', 'sfE2eUsersAll01');
		expect(run.ok).toBe(true);
		expect(outputOf(run.execution, 'Get Users')).toHaveLength(USERS);
		if (N8N_MAJOR >= 2) {
			// n8n re-ran preAuthentication as for an expired token: the stored token is refreshed, no login.
			expect(counters).toMatchObject({ refreshAttempts: 1, refreshes: 1, loginAttempts: 0 });
		} else {
			// The node handed n8n the credential with an empty token: n8n logged in again.
			expect(counters).toMatchObject({ loginAttempts: 1, logins: 1, refreshAttempts: 0 });
		}
		expect(counters.apiRequests).toBe(Math.ceil(USERS / PAGE_CAP) + 1);
	});
	it('9. version 2 nodes: resource locators (From List and By ID, at the top, in collections, in lead lists) and the dialer operations', async () => {
		const { run, counters } = await runs.execute('9 version 2 pickers and dialer', 'sfE2ePickersV2');
		expect(run.ok).toBe(true);
		const [created] = outputOf(run.execution, 'Create Campaign');
		expect(created.json).toEqual({ success: true, message: 'Dialer campaign created successfully', campaign_id: expect.any(Number) });
		expect(outputOf(run.execution, 'Update Campaign')[0].json).toEqual({ success: true, message: 'Dialer campaign updated successfully' });
		expect(outputOf(run.execution, 'Start Session')[0].json).toEqual({ success: true, message: 'Session started successfully' });
		expect(outputOf(run.execution, 'Click to Call')[0].json).toMatchObject({ success: true, call_id: expect.any(String) });
		expect(outputOf(run.execution, 'End Session')[0].json).toEqual({
			success: true,
			message: 'Session ended and agent logged out successfully',
		});
		const notes = outputOf(run.execution, 'Call Notes');
		expect(notes).toHaveLength(notedCustomer.count);
		expect(notes[0].json).toMatchObject({ _id: expect.any(String), notes: { message: expect.any(String) } });
		expect(outputOf(run.execution, 'Get User')[0].json).toMatchObject({ id: (await firstUser(sandbox)).userId });
		// One request per node; the sandbox refuses a resource locator's object where an ID belongs (422).
		expect(counters).toMatchObject({ apiRequests: 7, rejectedTokens: 0 });
		expect(counters.byStatus['422']).toBeUndefined();
	});
});
