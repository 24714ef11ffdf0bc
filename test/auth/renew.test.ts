import { renewToken } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';

describe('renewToken', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.resetStats();
	});

	const client = () => new SmartfloAuthClient({ baseUrl: sandbox.url, retryPolicy: { baseDelayMs: 1, maxDelayMs: 2 } });

	it('logs in when there is no current token', async () => {
		await renewToken(client(), DEMO_ACCOUNT);
		expect(sandbox.stats()).toMatchObject({ logins: 1, refreshAttempts: 0 });
	});

	it('refreshes a current token', async () => {
		const current = sandbox.issueToken({});
		const next = await renewToken(client(), DEMO_ACCOUNT, current);
		expect(next.accessToken).not.toBe(current);
		expect(sandbox.stats()).toMatchObject({ refreshes: 1, loginAttempts: 0 });
	});

	it.each([
		['revoked', (token: string) => sandbox.revokeToken(token)],
		['expired', () => sandbox.expireAllTokens()],
	])('logs in when the current token is %s', async (_name, spoil) => {
		const current = sandbox.issueToken({});
		spoil(current);
		await renewToken(client(), DEMO_ACCOUNT, current);
		expect(sandbox.stats()).toMatchObject({ refreshAttempts: 1, refreshes: 0, logins: 1 });
	});

	it('does not log in when the refresh fails for another reason', async () => {
		sandbox.injectFault({ type: 'serverError', status: 503, times: 5, match: 'auth' });
		await expect(renewToken(client(), DEMO_ACCOUNT, sandbox.issueToken({}))).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
		expect(sandbox.stats().loginAttempts).toBe(0);
	});
});
