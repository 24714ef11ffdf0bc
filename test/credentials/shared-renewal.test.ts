import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { SmartfloApi } from '../../credentials/SmartfloApi.credentials';
import { identityFingerprint, readSmartfloCredentials } from '../../src/n8n/credential-fields';
import { SharedRenewals } from '../../src/n8n/shared-renewal';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { n8nHttpRequest } from '../helpers/n8n-http-request';
import { loginToken } from '../sandbox/helpers';

/**
 * n8n calls preAuthentication without a lock. Within one process, concurrent renewals for one
 * identity must cost Smartflo one login, and executions still holding the replaced token must get
 * the new one rather than log in again.
 */
const credential = new SmartfloApi();
const context = { helpers: { httpRequest: n8nHttpRequest } } as unknown as IHttpRequestHelper;
let sandbox: SandboxHandle;

beforeAll(async () => {
	sandbox = await startSandbox({ accounts: [DEMO_ACCOUNT, { email: 'second@smartflo.test', password: 'Second@Pass1' }] });
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.resetStats();
	sandbox.unlockAccount(DEMO_ACCOUNT.email);
});

const preAuthenticate = (extra: IDataObject = {}) =>
	credential.preAuthentication!.call(context, {
		authMode: 'password',
		...DEMO_ACCOUNT,
		baseUrl: sandbox.url,
		accessToken: '',
		...extra,
	} as ICredentialDataDecryptedObject);

it('50 concurrent renewals for one identity: 1 login, one token for all', async () => {
	const outputs = await Promise.all(Array.from({ length: 50 }, () => preAuthenticate()));
	expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, logins: 1 });
	expect(new Set(outputs.map((output) => output.accessToken)).size).toBe(1);
});

it('a renewal wave after the token was replaced: executions holding the old token get the new one, no more logins', async () => {
	const first = await preAuthenticate();
	const old = first.accessToken as string;
	const renewed = await preAuthenticate({ accessToken: old, tokenFingerprint: first.tokenFingerprint });
	expect(renewed.accessToken).not.toBe(old);
	sandbox.resetStats();
	const wave = await Promise.all(
		Array.from({ length: 20 }, () => preAuthenticate({ accessToken: old, tokenFingerprint: first.tokenFingerprint })),
	);
	expect(wave.every((output) => output.accessToken === renewed.accessToken)).toBe(true);
	expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0 });
});

it('the shared token itself refused: the next renewal asks Smartflo again', async () => {
	const first = await preAuthenticate();
	const again = await preAuthenticate({ accessToken: first.accessToken, tokenFingerprint: first.tokenFingerprint });
	expect(again.accessToken).not.toBe(first.accessToken);
	expect(sandbox.stats().loginAttempts + sandbox.stats().refreshAttempts).toBe(2);
});

it("a token another process stored is refused after Smartflo expired every token: a new login, not this process's last (also expired) token", async () => {
	const own = (await preAuthenticate()).accessToken as string;
	// In queue mode another worker logs in too and stores its token; this execution reads that one.
	const stored = await loginToken(sandbox.url);
	sandbox.expireAllTokens();
	sandbox.resetStats();
	const renewed = await preAuthenticate({ accessToken: stored, tokenFingerprint: fingerprintOf(stored) });
	expect(renewed.accessToken).not.toBe(own);
	expect(await usersStatus(renewed.accessToken as string)).toBe(200);
	expect(sandbox.stats().logins + sandbox.stats().refreshes).toBe(1);
	// Executions still holding either refused token now share that renewal.
	const wave = await Promise.all(
		[own, stored, own].map((token) => preAuthenticate({ accessToken: token, tokenFingerprint: fingerprintOf(token) })),
	);
	expect(wave.map((output) => output.accessToken)).toEqual([renewed.accessToken, renewed.accessToken, renewed.accessToken]);
	expect(sandbox.stats().logins + sandbox.stats().refreshes).toBe(1);
});

it('different identities never share: another password, another account', async () => {
	await Promise.all([preAuthenticate(), preAuthenticate({ email: 'second@smartflo.test', password: 'Second@Pass1' })]);
	expect(sandbox.stats()).toMatchObject({ logins: 2 });
	await expect(preAuthenticate({ password: 'Another!Wrong1' })).rejects.toThrow(/Wrong email or password/);
	expect(sandbox.stats().failedLogins).toBe(1);
});

it('20 concurrent renewals with a wrong password: 1 failed login; a failure is not remembered', async () => {
	const results = await Promise.allSettled(Array.from({ length: 20 }, () => preAuthenticate({ password: 'Wrong!Pass42' })));
	expect(results.every((result) => result.status === 'rejected')).toBe(true);
	expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, failedLogins: 1 });
	await expect(preAuthenticate({ password: 'Wrong!Pass42' })).rejects.toThrow(/Wrong email or password/);
	expect(sandbox.stats().loginAttempts).toBe(2);
});

function fingerprintOf(token: string): string {
	return identityFingerprint(readSmartfloCredentials({ authMode: 'password', ...DEMO_ACCOUNT, baseUrl: sandbox.url }), token);
}

async function usersStatus(token: string): Promise<number> {
	return (await fetch(`${sandbox.url}/v1/users`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

it('remembers at most 1000 identities, whatever the number of logins', async () => {
	let clock = 0;
	const renewals = new SharedRenewals({ now: () => clock++ });
	for (let index = 0; index < 2_500; index++) {
		await renewals.renew(`identity-${index}`, '', async () => ({ accessToken: `token-${index}` }));
	}
	expect(renewals.size).toBeLessThanOrEqual(1_000);
});
