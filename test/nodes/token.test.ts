import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { closedPortUrl } from '../helpers/fake-server';
import { CredentialStore } from '../helpers/n8n-credentials';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';
import { jsonOf, passwordCredential, runNode, runNodeError, tokenCredential } from './harness';

let sandbox: SandboxHandle;
beforeAll(async () => {
	sandbox = await startSandbox({
		accounts: [DEMO_ACCOUNT, { email: 'second@smartflo.test', password: 'Second@Pass1', passwordDaysLeft: 3 }],
	});
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.resetStats();
	sandbox.unlockAccount(DEMO_ACCOUNT.email);
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Token → Login', () => {
	it('logs in with the node credential and outputs the token set', async () => {
		const { output, authenticatedRequests } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'login' },
		});
		expect(jsonOf(output)).toEqual([
			{
				accessToken: expect.stringMatching(/^eyJ/),
				tokenType: 'bearer',
				expiresIn: 3600,
				expiresAt: expect.stringMatching(ISO),
				passwordExpiresInDays: 30,
			},
		]);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(sandbox.stats()).toMatchObject({ requests: 1, logins: 1 });
		expect(authenticatedRequests).toHaveLength(0);
	});

	it('returns the pasted token of an Access Token credential without calling Smartflo', async () => {
		const token = sandbox.issueToken({ kind: 'permanent' });
		const { output } = await runNode({
			store: tokenCredential(sandbox.url, `Bearer ${token}`),
			parameters: { resource: 'token', operation: 'login' },
		});
		expect(output[0].json).toMatchObject({ accessToken: token, tokenType: 'bearer', expiresAt: expect.stringMatching(ISO) });
		expect(output[0].json.expiresIn).toBeGreaterThan(9 * 365 * 86_400);
		expect(sandbox.stats().requests).toBe(0);
	});

	it('logs in per item with email and password fields (multi-account), using the credential only for the Base URL', async () => {
		const accounts = [DEMO_ACCOUNT, { email: 'second@smartflo.test', password: 'Second@Pass1' }];
		const { output } = await runNode({
			store: tokenCredential(sandbox.url, sandbox.issueToken({ kind: 'permanent' })),
			items: accounts.map((account) => ({ json: account })),
			parameters: (index) => ({ resource: 'token', operation: 'login', source: 'fields', ...accounts[index] }),
		});
		expect(jsonOf(output).map((item) => item.passwordExpiresInDays)).toEqual([30, 3]);
		expect(new Set(jsonOf(output).map((item) => item.accessToken)).size).toBe(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sandbox.stats().logins).toBe(2);
	});

	it('reports a wrong password for that item only, with continueOnFail, without the password', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			parameters: (index) => ({
				resource: 'token',
				operation: 'login',
				source: 'fields',
				email: DEMO_ACCOUNT.email,
				password: index === 0 ? 'Wrong!Secret1' : DEMO_ACCOUNT.password,
			}),
		});
		expect(output[0]).toEqual({
			json: { error: 'Wrong email or password — Smartflo counts failed attempts (1)', description: expect.stringMatching(/lockout/) },
			pairedItem: { item: 0 },
		});
		expect(JSON.stringify(output)).not.toContain('Wrong!Secret1');
		expect(output[1].json.accessToken).toEqual(expect.stringMatching(/^eyJ/));
	});

	it('blames the node’s Email and Password fields, not the credential, for a wrong password typed there', async () => {
		const parameters = { resource: 'token', operation: 'login', source: 'fields', email: DEMO_ACCOUNT.email, password: 'Wrong!Secret2' };
		const error = await runNodeError({ store: passwordCredential(sandbox.url), parameters });
		expect(error.message).toMatch(/^Wrong email or password/);
		expect(error.description).toMatch(/the Email and Password fields of this node/);
		expect(error.description).not.toMatch(/credential/);
		const fromCredential = await runNodeError({
			store: passwordCredential(sandbox.url, { password: 'Wrong!Secret3' }),
			parameters: { resource: 'token', operation: 'login' },
		});
		expect(fromCredential.description).toMatch(/this credential/);
	});

	it('throws a NodeApiError with the item index when Smartflo is unreachable', async () => {
		const url = await closedPortUrl();
		const error = await runNodeError({ store: passwordCredential(url), parameters: { resource: 'token', operation: 'login' } });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe(`Smartflo unreachable at ${url}`);
		expect(error.context?.itemIndex).toBe(0);
	});
});

describe('Token → Refresh', () => {
	it('exchanges a token from an earlier step for a new one', async () => {
		const login = await runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'token', operation: 'login' } });
		const token = login.output[0].json.accessToken as string;
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token: `Bearer ${token}` },
		});
		expect(output[0].json).toEqual({
			accessToken: expect.stringMatching(/^eyJ/),
			tokenType: 'bearer',
			expiresIn: 3600,
			expiresAt: expect.stringMatching(ISO),
		});
		expect(output[0].json.accessToken).not.toBe(token);
		expect(sandbox.stats()).toMatchObject({ logins: 1, refreshes: 1 });
	});

	it('explains that a token can be refreshed only once', async () => {
		const token = sandbox.issueToken();
		await runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'token', operation: 'refresh', token } });
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token },
		});
		expect(error.message).toMatch(/^Smartflo rejected the token: revoked, blacklisted, already refreshed/);
		expect(error.description).toMatch(/log in again/);
		expect(error.message + error.description).not.toContain(token);
	});

	it('says an expired token can no longer be refreshed', async () => {
		const token = sandbox.issueToken({ ttlSeconds: -10 });
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token },
		});
		expect(error.message).toBe('Smartflo no longer refreshes this token: it has expired');
		expect(sandbox.stats().loginAttempts).toBe(0);
	});

	it('refuses a permanent token unless Replace a Permanent Token is on', async () => {
		const token = sandbox.issueToken({ kind: 'permanent' });
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token },
		});
		expect(error.message).toMatch(
			/^This is a permanent Smartflo token: refreshing it would replace it with a token that expires in an hour/,
		);
		expect(sandbox.stats().requests).toBe(0);
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token, replacePermanentToken: true },
		});
		expect(output[0].json).toMatchObject({ accessToken: expect.stringMatching(/^eyJ/), expiresIn: 3600 });
		expect(sandbox.stats()).toMatchObject({ refreshAttempts: 1, refreshes: 1 });
	});

	it('refuses a token that cannot be sent in a header without calling Smartflo', async () => {
		const token = sandbox.issueToken();
		const shortened = `${token.slice(0, 30)}…${token.slice(-10)}`;
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token: shortened },
		});
		expect(error.message).toMatch(/cannot be sent in an HTTP header/);
		expect(sandbox.stats().requests).toBe(0);
	});

	it('refuses an empty token without calling Smartflo', async () => {
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'refresh', token: '  ' },
		});
		expect(error.message).toMatch(/token is required/);
		expect(sandbox.stats().requests).toBe(0);
	});
});

describe('Token → Inspect', () => {
	it('decodes a token without any request, even without a credential', async () => {
		const token = sandbox.issueToken({ kind: 'api-connect', ttlSeconds: 7200 });
		// A store of another credential type: any getCredentials('smartfloApi') would throw.
		const noCredential = new CredentialStore({ name: 'otherApi', displayName: 'Other', properties: [] }, {});
		const { output } = await runNode({ store: noCredential, parameters: { resource: 'token', operation: 'inspect', token } });
		const json = output[0].json;
		expect(json).toMatchObject({
			valid: true,
			expired: false,
			subject: '10001',
			tokenKind: 'apiConnect',
			issuedAt: expect.stringMatching(ISO),
		});
		expect(json.secondsRemaining).toBeGreaterThan(7190);
		expect(json.secondsRemaining).toBeLessThanOrEqual(7200);
		expect(Date.parse(json.expiresAt as string) - Date.parse(json.issuedAt as string)).toBe(7200_000);
		expect(sandbox.stats().requests).toBe(0);
	});

	it.each([[-1e20], [1e14], [8.64e12]])('reads an exp of %d (no date can hold it) as unknown: invalid, no error', async (exp) => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'inspect', token: unsignedJwt({ sub: '1', exp }) },
		});
		expect(output[0].json).toMatchObject({ valid: false, expired: false, expiresAt: null, secondsRemaining: null });
	});

	it('says when a token has expired', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'inspect', token: jwtExpiringIn(-60) },
		});
		expect(output[0].json).toMatchObject({ valid: false, expired: true, secondsRemaining: 0, tokenKind: 'login' });
	});

	it('reports a token without an expiry as not expired, with unknown remaining time', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'token', operation: 'inspect', token: unsignedJwt({ sub: 'x', iss: 'https://elsewhere.example/issue' }) },
		});
		expect(output[0].json).toMatchObject({ valid: true, expired: false, expiresAt: null, secondsRemaining: null, tokenKind: 'unknown' });
	});

	it('refuses something that is not a JWT with a NodeOperationError at the item index', async () => {
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			items: [{ json: {} }, { json: {} }],
			parameters: (index) => ({ resource: 'token', operation: 'inspect', token: index === 0 ? jwtExpiringIn(60) : 'not-a-jwt' }),
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('This is not a JWT that can be read');
		expect(error.context?.itemIndex).toBe(1);
	});

	it('chains Login → Refresh → Inspect', async () => {
		const store = passwordCredential(sandbox.url);
		const login = await runNode({ store, parameters: { resource: 'token', operation: 'login' } });
		const refresh = await runNode({
			store,
			items: login.output,
			parameters: (index) => ({ resource: 'token', operation: 'refresh', token: login.output[index].json.accessToken }),
		});
		const inspect = await runNode({
			store,
			items: refresh.output,
			parameters: (index) => ({ resource: 'token', operation: 'inspect', token: refresh.output[index].json.accessToken }),
		});
		expect(inspect.output[0].json).toMatchObject({ valid: true, tokenKind: 'login', expiresAt: refresh.output[0].json.expiresAt });
	});
});
