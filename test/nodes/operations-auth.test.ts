import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../src/sandbox';
import { startRewritingProxy, type ReplyRewrite, type RewritingProxy } from '../helpers/auth-rewriting-proxy';
import type { CredentialStore, N8nRequestHelperModel } from '../helpers/n8n-credentials';
import { firstUser, placeLiveCall } from './fixtures';
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

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 12, callRecords: 30, liveCalls: 2 } });
	proxy = await startRewritingProxy(sandbox.url, (reply) => rewrite(reply));
	({ agentId, userId } = await firstUser(sandbox));
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
];

/** A credential that has logged in once already, as after an earlier run. */
async function loggedInCredential(baseUrl = proxy.url): Promise<CredentialStore> {
	const store = passwordCredential(baseUrl);
	await runNode({ store, parameters: { resource: 'myNumber', operation: 'getMany', limit: 1 } });
	store.preAuthenticationCalls.length = 0;
	sandbox.resetStats();
	return store;
}

const apiPath = (path: string) => path.startsWith('/v1/') && !path.startsWith('/v1/auth/');

describe.each(cases)('$operation', ({ route, parameters, check }) => {
	const requestsTo = () => sandbox.stats().byPath[route] ?? 0;

	it('succeeds, logging in first when the credential has no token yet', async () => {
		const store = passwordCredential(proxy.url);
		const { output } = await runNode({ store, parameters: await parameters() });
		check(output);
		for (const item of output) expect(item.pairedItem).toEqual({ item: 0 });
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

	it.each(['1.123', '2.41', 'newest'] as const)('gives up after one renewal when Smartflo keeps refusing, on n8n %s (no loop)', async (n8n) => {
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
	});

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
		expect(output[0]).toEqual({ json: { error: 'Smartflo refused the request: Something is not right', description: expect.any(String) }, pairedItem: { item: 0 } });
		expect(output.length).toBeGreaterThan(1);
		for (const item of output.slice(1)) expect(item.pairedItem).toEqual({ item: 1 });
		check(output.slice(1));

		refused = 0;
		const error = await runNodeError({ store, items, parameters: (index) => params[index] });
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
