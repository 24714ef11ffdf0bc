import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { decodeToken } from '../../src/auth';
import { identityFingerprint, readSmartfloCredentials } from '../../src/n8n/credential-fields';
import { startRewritingProxy, type ReplyRewrite, type RewritingProxy } from '../helpers/auth-rewriting-proxy';
import { jwtExpiringIn } from '../helpers/jwt';
import type { CredentialStore, N8nRequestHelperModel } from '../helpers/n8n-credentials';
import { answeredLiveCall, firstUser, newBroadcast, placeLiveCall, sandboxGet, sandboxSend } from './fixtures';
import { jsonOf, passwordCredential, runNode, runNodeError, tokenCredential } from './harness';

/**
 * Every operation that calls Smartflo with the credential's bearer token, through every way a token
 * can be refused, against the sandbox (behind a proxy that can reword Smartflo's answers).
 */
interface OperationCase {
	operation: string;
	/** The sandbox route it calls, as counted in stats().byPath. */
	route: string;
	parameters: () => Promise<IDataObject> | IDataObject;
	/** What a successful run outputs. */
	check: (output: INodeExecutionData[]) => void;
}

const BLACKLISTED_IN_200 = { status: 200, body: JSON.stringify({ success: false, message: 'Deleted or blacklisted token provided' }) };

let sandbox: SandboxHandle;
let proxy: RewritingProxy;
let rewrite: ReplyRewrite = () => undefined;
let agentId = '';
let userId = 0;
let leadListId = '';
let agents: string[] = [];
/** User ID → agent ID, to tell which agent a live call is with. */
const agentOfUser = new Map<unknown, string>();
let answeredRecord: IDataObject;
let unique = 0;
const DAY_MS = 86_400_000;
/** Another agent than the one on the call, for supervision and transfers. */
const otherAgent = (call: IDataObject) => agents.find((id) => id !== agentOfCall(call)) as string;
const agentOfCall = (call: IDataObject) => agentOfUser.get(call.user_id);

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 12, callRecords: 30, liveCalls: 6 } });
	proxy = await startRewritingProxy(sandbox.url, (reply) => rewrite(reply));
	({ agentId, userId } = await firstUser(sandbox));
	leadListId = String(((await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[])[0].id);
	const users = ((await sandboxGet(sandbox, '/v1/users?limit=100&user_status=1')) as { data: IDataObject[] }).data;
	agents = users
		.filter((user) => [0, 3].includes((user.agent as IDataObject).status as number))
		.map((user) => String((user.agent as IDataObject).id));
	for (const user of ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: IDataObject[] }).data)
		agentOfUser.set(user.id, String((user.agent as IDataObject).id));
	const records = ((await sandboxGet(sandbox, '/v1/call/records?limit=100&call_type=c')) as { results: IDataObject[] }).results;
	answeredRecord = records[0];
});
afterAll(async () => {
	await proxy.close();
	await sandbox.close();
});
beforeEach(() => {
	rewrite = () => undefined;
	sandbox.clearFaults();
	sandbox.resetStats();
});

const cases: OperationCase[] = [
	{
		operation: 'call: Click to Call',
		route: 'POST /v1/click_to_call',
		parameters: () => ({ resource: 'call', operation: 'clickToCall', agentNumber: agentId, destinationNumber: '+919876543210' }),
		check: ([item]) => expect(item.json).toMatchObject({ success: true, ref_id: expect.any(String), call_id: expect.any(String) }),
	},
	{
		operation: 'call: Hang Up',
		route: 'POST /v1/call/hangup',
		parameters: async () => ({ resource: 'call', operation: 'hangUp', callId: await placeLiveCall(sandbox, agentId) }),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Call hangup successfully' }),
	},
	{
		operation: 'call: Get Live Calls',
		route: 'GET /v1/live_calls',
		parameters: () => ({ resource: 'call', operation: 'getLiveCalls', returnAll: true }),
		check: (output) => {
			expect(output.length).toBeGreaterThan(0);
			for (const item of output) expect(item.json).toHaveProperty('call_id');
		},
	},
	{
		operation: 'callRecord: Get Many',
		route: 'GET /v1/call/records',
		parameters: () => ({ resource: 'callRecord', operation: 'getMany', limit: 5 }),
		check: (output) => {
			expect(output).toHaveLength(5);
			for (const item of output) expect(item.json).toHaveProperty('call_id');
		},
	},
	{
		operation: 'user: Get',
		route: 'GET /v1/user/{id}',
		parameters: () => ({ resource: 'user', operation: 'get', userId: String(userId) }),
		check: ([item]) => expect(item.json).toMatchObject({ id: userId, agent: { id: agentId } }),
	},
	{
		operation: 'user: Get Many',
		route: 'GET /v1/users',
		parameters: () => ({ resource: 'user', operation: 'getMany', limit: 3 }),
		check: (output) => expect(jsonOf(output).map((user) => user.id)).toHaveLength(3),
	},
	{
		operation: 'myNumber: Get Many',
		route: 'GET /v1/my_number',
		parameters: () => ({ resource: 'myNumber', operation: 'getMany', returnAll: true }),
		check: (output) => {
			expect(output.length).toBeGreaterThan(0);
			for (const item of output) expect(item.json).toHaveProperty('did');
		},
	},
	{
		operation: 'department: Get Many',
		route: 'GET /v1/departments',
		parameters: () => ({ resource: 'department', operation: 'getMany', returnAll: true }),
		check: (output) => {
			expect(output.length).toBeGreaterThan(0);
			for (const item of output) expect(item.json).toHaveProperty('agents');
		},
	},
	{
		operation: 'department: Create',
		route: 'POST /v1/department',
		parameters: () => ({ resource: 'department', operation: 'create', name: `team ${++unique}`, agents: agents.slice(0, 2) }),
		check: ([item]) => expect(item.json).toMatchObject({ success: true, department_id: expect.any(Number) }),
	},
	...(['monitor', 'whisper', 'barge'] as const).map((operation): OperationCase => ({
		operation: `call: ${operation}`,
		route: 'POST /v1/call/options',
		parameters: async () => {
			const call = await answeredLiveCall(sandbox);
			return { resource: 'call', operation, callId: call.call_id, supervisorId: otherAgent(call) };
		},
		check: ([item]) => expect(item.json).toMatchObject({ success: true }),
	})),
	{
		operation: 'call: Transfer',
		route: 'POST /v1/call/options',
		parameters: async () => {
			// Another call each time: two items moving the same call to the same agent would be refused.
			const call = await answeredLiveCall(sandbox, ++unique);
			return { resource: 'call', operation: 'transfer', callId: call.call_id, transferTo: 'agent', transferAgentId: otherAgent(call) };
		},
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Call transferred successfully' }),
	},
	{
		operation: 'call: Disconnect Dialer Call',
		route: 'POST /v1/dialer/disconnect_call',
		parameters: async () => ({ resource: 'call', operation: 'disconnect', callId: await placeLiveCall(sandbox, agentId) }),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Call disconnected successfully' }),
	},
	{
		operation: 'callRecord: Download Recording',
		route: 'GET /v1/call/records',
		// The credential's Base URL is the proxy; the recording links point at the sandbox behind it, a host to allow.
		parameters: () => ({
			resource: 'callRecord',
			operation: 'downloadRecording',
			recordingOf: 'callId',
			callId: answeredRecord.call_id,
			options: { allowedHosts: sandbox.url },
		}),
		check: ([item]) => expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg' }),
	},
	{
		operation: 'user: Create',
		route: 'POST /v1/user',
		parameters: () => {
			const n = ++unique;
			return {
				resource: 'user',
				operation: 'create',
				name: `New Agent ${n}`,
				number: `+9198100${String(n).padStart(5, '0')}`,
				email: `new.agent.${n}@example.in`,
				loginId: `new.agent.${n}`,
				role: '2',
				password: 'Welcome@2026',
				callerIds: ['3101'],
			};
		},
		check: ([item]) => expect(item.json).toMatchObject({ success: true, user_id: expect.any(Number) }),
	},
	{
		operation: 'user: Update',
		route: 'PATCH /v1/user/{id}',
		parameters: () => ({
			resource: 'user',
			operation: 'update',
			userId: String(userId),
			updateFields: { designation: `Lead ${++unique}` },
		}),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'User updated successfully' }),
	},
	{
		operation: 'myNumber: Update',
		route: 'PUT /v1/my_number/{id}',
		parameters: () => ({ resource: 'myNumber', operation: 'update', numberId: '3102', destinationType: 'ivr', destinationIvr: '301' }),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Number updated successfully' }),
	},
	{
		operation: 'ivr: Get Many',
		route: 'GET /v1/ivrs',
		parameters: () => ({ resource: 'ivr', operation: 'getMany', returnAll: true }),
		check: (output) => expect(output.map((item) => item.json.id)).toEqual([301, 302, 303]),
	},
	{
		operation: 'broadcast: Get Many',
		route: 'GET /v2/broadcasts',
		parameters: () => ({ resource: 'broadcast', operation: 'getMany', limit: 2 }),
		check: (output) => expect(output).toHaveLength(2),
	},
	{
		operation: 'broadcast: Get',
		route: 'GET /v1/broadcast/{id}',
		parameters: () => ({ resource: 'broadcast', operation: 'get', broadcastId: '7001' }),
		check: ([item]) => expect(item.json).toMatchObject({ id: 7001, phone_number_list: expect.any(String) }),
	},
	{
		operation: 'broadcast: Create',
		route: 'POST /v1/broadcast',
		parameters: () => ({
			resource: 'broadcast',
			operation: 'create',
			name: `campaign ${++unique}`,
			leadListId,
			destinationType: 'ivr',
			destinationIvr: '303',
			timeout: 40,
		}),
		check: ([item]) => expect(item.json).toMatchObject({ success: true, broadcast_id: expect.any(Number) }),
	},
	{
		operation: 'broadcast: Start',
		route: 'GET /v1/broadcast/start/{id}',
		parameters: async () => ({ resource: 'broadcast', operation: 'start', broadcastId: await newBroadcast(sandbox) }),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Broadcast started successfully' }),
	},
	{
		operation: 'broadcast: Stop',
		route: 'GET /v1/broadcast/end/{id}',
		parameters: async () => ({ resource: 'broadcast', operation: 'stop', broadcastId: await newBroadcast(sandbox, { started: true }) }),
		check: ([item]) => expect(item.json).toEqual({ success: true, message: 'Broadcast ended successfully' }),
	},
	{
		operation: 'leadList: Get Many',
		route: 'GET /v1/broadcast/lists',
		parameters: () => ({ resource: 'leadList', operation: 'getMany', returnAll: true }),
		check: (output) => expect(output.length).toBeGreaterThan(1),
	},
	{
		operation: 'lead: Add',
		route: 'POST /v1/broadcast/lead/{id}',
		parameters: () => ({ resource: 'lead', operation: 'create', leadListId, phoneNumber: String(9_600_000_000 + ++unique) }),
		check: ([item]) => expect(item.json).toMatchObject({ success: true, lead_id: expect.any(String) }),
	},
	{
		operation: 'lead: Add Many',
		route: 'POST /v1/broadcast/leads/{id}',
		// One lead per request, so that each item is a batch of its own.
		parameters: () => ({
			resource: 'lead',
			operation: 'createMany',
			leadListId,
			phoneNumber: String(9_600_000_000 + ++unique),
			batchSize: 1,
		}),
		check: ([item]) => expect(item.json).toMatchObject({ success: true, batch_id: expect.any(String), leads: 1 }),
	},
	{
		operation: 'lead: Get Many',
		route: 'GET /v1/broadcast/leads/{id}',
		parameters: () => ({ resource: 'lead', operation: 'getMany', leadListId, limit: 3 }),
		check: (output) => expect(output).toHaveLength(3),
	},
	{
		operation: 'lead: Delete',
		route: 'DELETE /v1/broadcast/lead/{id}',
		parameters: async () => {
			const added = await sandboxSend(sandbox, 'POST', `/v1/broadcast/lead/${leadListId}`, { field_0: String(9_500_000_000 + ++unique) });
			return { resource: 'lead', operation: 'delete', leadId: added.lead_id };
		},
		check: ([item]) => expect(item.json).toMatchObject({ deleted: true }),
	},
	{
		operation: 'lead: Get DND Leads',
		route: 'GET /v1/broadcast/dnd/leads',
		parameters: () => ({ resource: 'lead', operation: 'getDnd', limit: 5 }),
		check: (output) => expect(output).toHaveLength(5),
	},
	{
		operation: 'dialer: Schedule Callback',
		route: 'POST /v1/dialer/schedule_call',
		parameters: () => ({
			resource: 'dialer',
			operation: 'scheduleCallback',
			agentId,
			customerNumber: '9876543210',
			scheduledFor: new Date(Date.now() + DAY_MS + ++unique * 60_000).toISOString(),
		}),
		check: ([item]) => expect(item.json).toMatchObject({ ok: true, data: { agent_id: agentId } }),
	},
	{
		operation: 'dialer: Get Many Callbacks',
		route: 'GET /v1/dialer/schedule_call',
		parameters: () => ({
			resource: 'dialer',
			operation: 'getCallbacks',
			fromDate: new Date(Date.now() - 7 * DAY_MS).toISOString(),
			toDate: new Date(Date.now() + 10 * DAY_MS).toISOString(),
			returnAll: true,
		}),
		check: (output) => expect(output.length).toBeGreaterThan(5),
	},
];

/** A credential that has logged in once already, as after an earlier run. */
async function loggedInCredential(baseUrl = proxy.url): Promise<CredentialStore> {
	const store = passwordCredential(baseUrl);
	await runNode({ store, parameters: { resource: 'myNumber', operation: 'getMany', limit: 1 } });
	store.preAuthenticationCalls.length = 0;
	sandbox.resetStats();
	return store;
}

const apiPath = (path: string) => /^\/v\d+\//.test(path) && !path.startsWith('/v1/auth/');
/** An output item's pairing as a list: per-item operations pair with one item, batches with several. */
const pairedItems = (item: INodeExecutionData) => [item.pairedItem].flat();

describe.each(cases)('$operation', ({ route, parameters, check }) => {
	const requestsTo = () => sandbox.stats().byPath[route] ?? 0;

	it('succeeds, logging in first when the credential has no token yet', async () => {
		const store = passwordCredential(proxy.url);
		const { output } = await runNode({ store, parameters: await parameters() });
		check(output);
		for (const item of output) expect(pairedItems(item)).toEqual([{ item: 0 }]);
		expect(sandbox.stats()).toMatchObject({ logins: 1, rejectedTokens: 0 });
		expect(store.stored.accessToken).not.toBe('');
	});

	it('401 path: n8n renews (refresh, else login) and resends once', async () => {
		const store = await loggedInCredential();
		const params = await parameters();
		sandbox.expireAllTokens();
		const { output } = await runNode({ store, parameters: params });
		check(output);
		expect(sandbox.stats()).toMatchObject({ refreshAttempts: 1, refreshes: 0, logins: 1 });
		expect(store.preAuthenticationCalls).toEqual([expect.objectContaining({ credentialsExpired: true })]);
		expect(requestsTo()).toBeGreaterThanOrEqual(2);
	});

	it('401 path with a still valid token: n8n refreshes it', async () => {
		const store = await loggedInCredential();
		const params = await parameters();
		const path = route.split(' ')[1].replace('{id}', '');
		sandbox.injectFault({ type: 'unauthorized', match: path });
		const { output } = await runNode({ store, parameters: params });
		check(output);
		expect(sandbox.stats()).toMatchObject({ refreshes: 1, loginAttempts: 0 });
	});

	/** Who renews a non-401 refusal, per n8n version: n8n itself where a per-request option covers it, else the node. */
	const refusals: Array<[string, N8nRequestHelperModel, (reply: { body: string }) => { status: number; body: string }, 'n8n' | 'node']> = [
		['403', '1.123', (reply) => ({ status: 403, body: reply.body }), 'node'],
		['403', '2.41', (reply) => ({ status: 403, body: reply.body }), 'n8n'],
		['403', 'newest', (reply) => ({ status: 403, body: reply.body }), 'n8n'],
		['HTTP 200 with success:false', '1.123', () => BLACKLISTED_IN_200, 'node'],
		['HTTP 200 with success:false', '2.41', () => BLACKLISTED_IN_200, 'node'],
		['HTTP 200 with success:false', 'newest', () => BLACKLISTED_IN_200, 'n8n'],
	];

	it.each(refusals)('non-401 refusal (%s) on n8n %s: renewed by the %s, resent once', async (_kind, n8n, reword, renewer) => {
		const store = await loggedInCredential();
		store.n8n = n8n;
		const params = await parameters();
		sandbox.revokeAllTokens();
		rewrite = (reply) => (reply.status === 401 && apiPath(reply.path) ? reword(reply) : undefined);
		const { output } = await runNode({ store, parameters: params });
		check(output);
		expect(proxy.rewritten).toBeGreaterThanOrEqual(1);
		if (renewer === 'node') {
			// Renewed with an empty token handed to n8n: a login, no refresh of the refused token.
			expect(sandbox.stats()).toMatchObject({ logins: 1, refreshAttempts: 0 });
			expect(store.preAuthenticationCalls).toEqual([{ credentialsExpired: false, accessTokenIn: '' }]);
		} else {
			// n8n's own renewal: preAuthentication told the token expired tries a refresh (refused: revoked), then logs in.
			expect(sandbox.stats()).toMatchObject({ logins: 1, refreshAttempts: 1, refreshes: 0 });
			expect(store.preAuthenticationCalls).toEqual([expect.objectContaining({ credentialsExpired: true })]);
		}
	});

	it('renews before sending when the stored token is past tokenExpiresAt, so nothing is refused', async () => {
		const store = await loggedInCredential();
		const params = await parameters();
		store.stored.tokenExpiresAt = new Date(Date.now() - 1000).toISOString();
		sandbox.expireAllTokens();
		const { output } = await runNode({ store, parameters: params });
		check(output);
		expect(sandbox.stats()).toMatchObject({ logins: 1, rejectedTokens: 0 });
		expect(Date.parse(store.stored.tokenExpiresAt as string)).toBeGreaterThan(Date.now());
	});

	it.each(['1.123', '2.41', 'newest'] as const)(
		'gives up after one renewal when Smartflo keeps refusing, on n8n %s (no loop)',
		async (n8n) => {
			const store = await loggedInCredential();
			store.n8n = n8n;
			const params = await parameters();
			rewrite = (reply) => (apiPath(reply.path) ? { status: 403, body: JSON.stringify({ message: 'Token has expired' }) } : undefined);
			const error = await runNodeError({ store, parameters: params });
			expect(error.message).toMatch(/^Smartflo refused the request even with a newly obtained token \(HTTP 403\): Token has expired/);
			expect(error.context?.itemIndex).toBe(0);
			expect(requestsTo()).toBe(2);
			// The node renews with a login; n8n's renewal refreshes the (still valid) token.
			expect(sandbox.stats().logins + sandbox.stats().refreshes).toBe(1);
		},
	);

	it('does not try to renew a pasted token, and says what to do instead', async () => {
		const token = sandbox.issueToken({ kind: 'api-connect' });
		const store = tokenCredential(sandbox.url, token);
		const params = await parameters();
		sandbox.revokeToken(token);
		sandbox.resetStats();
		const error = await runNodeError({ store, parameters: params });
		expect(error.message).toMatch(/^Smartflo rejected the access token \(HTTP 401\)/);
		expect(error.description).toMatch(/API Connect/);
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0 });
		// n8n's own 401 handling resends once; nothing more.
		expect(requestsTo()).toBe(2);
	});

	it('success:false: an error with the item index, or an error item with continueOnFail while the run goes on', async () => {
		const store = await loggedInCredential();
		const items = [{ json: { row: 1 } }, { json: { row: 2 } }];
		const params = [await parameters(), await parameters()];
		let refused = 0;
		rewrite = (reply) =>
			apiPath(reply.path) && reply.status === 200 && refused++ === 0
				? { status: 200, body: JSON.stringify({ success: false, message: 'Something is not right' }) }
				: undefined;

		const { output } = await runNode({ store, items, parameters: (index) => params[index], continueOnFail: true });
		expect(output[0]).toEqual({
			json: { error: 'Smartflo refused the request: Something is not right', description: expect.any(String) },
			pairedItem: { item: 0 },
		});
		expect(output.length).toBeGreaterThan(1);
		for (const item of output.slice(1)) expect(pairedItems(item)).toEqual([{ item: 1 }]);
		check(output.slice(1));

		refused = 0;
		// Fresh parameters: a create really happened on the first run (only its answer was reworded).
		const again = [await parameters(), await parameters()];
		const error = await runNodeError({ store, items, parameters: (index) => again[index] });
		expect(error.message).toBe('Smartflo refused the request: Something is not right');
		expect(error.httpCode).toBe('200');
		expect(error.context?.itemIndex).toBe(0);
	});
});

describe('a credential edited since its token was obtained', () => {
	it('renews before sending, so the token of the previous account is not used', async () => {
		const store = await loggedInCredential(sandbox.url);
		const previousToken = store.stored.accessToken;
		store.stored.password = 'Edited!Wrong1';
		const error = await runNodeError({ store, parameters: { resource: 'myNumber', operation: 'getMany' } });
		expect(error.message).toBe('Wrong email or password — Smartflo counts failed attempts (1)');
		expect(sandbox.stats()).toMatchObject({ apiRequests: 0, refreshAttempts: 0, failedLogins: 1 });
		expect(store.stored.accessToken).toBe(previousToken);
		sandbox.unlockAccount(String(store.stored.email));
	});
});

describe('a stored token close to its expiry (the core’s renew-early rule: 5 minutes before, or half its lifetime)', () => {
	/** A one-hour token issued before this run, as the credential stored it; unsigned, so Smartflo refuses it if it is sent. */
	async function holding(expiresInSeconds: number): Promise<{ store: CredentialStore; token: string }> {
		const store = await loggedInCredential(sandbox.url);
		const token = jwtExpiringIn(expiresInSeconds, { iat: Math.floor(Date.now() / 1000) + expiresInSeconds - 3600 });
		const credentials = readSmartfloCredentials(store.getDecrypted());
		Object.assign(store.stored, {
			accessToken: token,
			tokenExpiresAt: new Date(decodeToken(token)!.expiresAt!).toISOString(),
			tokenFingerprint: identityFingerprint(credentials, token),
		});
		return { store, token };
	}
	const getMany = { resource: 'myNumber', operation: 'getMany', limit: 1 };

	it('is renewed before sending when it expires within 5 minutes', async () => {
		const { store, token } = await holding(240);
		await runNode({ store, parameters: getMany });
		expect(sandbox.stats()).toMatchObject({ apiRequests: 1, rejectedTokens: 0 });
		expect(store.stored.accessToken).not.toBe(token);
	});

	it('is sent as it is when more than 5 minutes are left', async () => {
		const { store } = await holding(360);
		await runNode({ store, parameters: getMany });
		// Sent, refused (it is unsigned), renewed by n8n and resent.
		expect(sandbox.stats()).toMatchObject({ apiRequests: 2, rejectedTokens: 1 });
	});
});
