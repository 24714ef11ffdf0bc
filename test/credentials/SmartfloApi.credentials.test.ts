import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions, INode } from 'n8n-workflow';

import { SmartfloApi } from '../../credentials/SmartfloApi.credentials';
import { SMARTFLO_CREDENTIAL_TYPE, identityFingerprint, readSmartfloCredentials } from '../../src/n8n/credential-fields';
import { decodeToken } from '../../src/auth/jwt';
import { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { closedPortUrl } from '../helpers/fake-server';
import { CredentialStore, httpRequestWithAuthentication } from '../helpers/n8n-credentials';
import { n8nHttpRequest } from '../helpers/n8n-http-request';

const credential = new SmartfloApi();

/** `this` as n8n gives it to preAuthentication, counting the requests made through it. */
function hookContext(httpRequest: (options: IHttpRequestOptions) => Promise<unknown> = n8nHttpRequest) {
	const calls: IHttpRequestOptions[] = [];
	const context = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				return await httpRequest(options);
			},
		},
	} as unknown as IHttpRequestHelper;
	return { context, calls };
}

async function preAuthenticate(credentials: IDataObject, httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>) {
	const { context, calls } = hookContext(httpRequest);
	const output = await credential.preAuthentication!.call(context, credentials as ICredentialDataDecryptedObject);
	return { output, calls };
}

async function preAuthenticationError(credentials: IDataObject, httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>) {
	return await preAuthenticate(credentials, httpRequest).then(
		() => {
			throw new Error('preAuthentication succeeded');
		},
		(error: Error & { description?: string }) => error,
	);
}

describe('SmartfloApi credential: declaration', () => {
	const byName = (name: string) => credential.properties.find((property) => property.name === name);

	it('declares the fields n8n needs to run preAuthentication and keep its output', () => {
		expect(credential.name).toBe('smartfloApi');
		expect(credential.name).toBe(SMARTFLO_CREDENTIAL_TYPE);
		expect(byName('authMode')).toMatchObject({ type: 'options', default: 'password' });
		expect(byName('accessToken')).toMatchObject({ type: 'hidden', default: '', typeOptions: { expirable: true, password: true } });
		for (const hidden of ['tokenExpiresAt', 'tokenFingerprint', 'passwordExpiresAt']) {
			expect(byName(hidden)).toMatchObject({ type: 'hidden', typeOptions: { password: true } });
		}
		expect(byName('baseUrl')).toMatchObject({ default: 'https://api-smartflo.tatateleservices.com' });
		expect(byName('password')?.typeOptions?.password).toBe(true);
		expect(byName('apiToken')?.typeOptions?.password).toBe(true);
		// Exactly one expirable field: n8n uses the first it finds.
		expect(credential.properties.filter((property) => property.typeOptions?.expirable)).toHaveLength(1);
	});

	it('has themed icons that exist and differ', () => {
		const icon = credential.icon as { light: string; dark: string };
		const light = join(__dirname, '../../credentials', icon.light.replace('file:', ''));
		const dark = join(__dirname, '../../credentials', icon.dark.replace('file:', ''));
		expect(existsSync(light) && existsSync(dark)).toBe(true);
		expect(readFileSync(light, 'utf8')).not.toBe(readFileSync(dark, 'utf8'));
	});

	it('tests with a cheap authenticated GET that also fails on success:false', () => {
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/v1/my_number', baseURL: '={{$credentials.baseUrl}}' });
		expect(credential.test.rules).toEqual([
			expect.objectContaining({ type: 'responseSuccessBody', properties: expect.objectContaining({ key: 'success', value: false }) }),
		]);
	});
});

describe('SmartfloApi credential against the sandbox', () => {
	let sandbox: SandboxHandle;
	beforeAll(async () => {
		sandbox = await startSandbox({
			accounts: [
				DEMO_ACCOUNT,
				{ email: 'expiring@smartflo.test', password: 'Soon@Pass123', passwordDaysLeft: 5 },
				{ email: 'expired@smartflo.test', password: 'Old@Pass123', passwordDaysLeft: 0 },
			],
			lockAfterFailedLogins: 3,
		});
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.resetStats();
	});

	const passwordCredentials = (extra: IDataObject = {}): IDataObject => ({
		authMode: 'password',
		...DEMO_ACCOUNT,
		baseUrl: sandbox.url,
		accessToken: '',
		...extra,
	});

	describe('token mode', () => {
		const apiConnectToken = () => sandbox.issueToken({ kind: 'api-connect' });

		it('returns the pasted token without any request, a pasted "Bearer " stripped', async () => {
			const token = apiConnectToken();
			const { output, calls } = await preAuthenticate({
				authMode: 'token',
				apiToken: `  Bearer ${token} `,
				baseUrl: sandbox.url,
				accessToken: '',
			});
			expect(calls).toHaveLength(0);
			expect(output.accessToken).toBe(token);
			expect(output.tokenExpiresAt).toBe(new Date(decodeToken(token)!.expiresAt!).toISOString());
			expect(sandbox.stats().requests).toBe(0);
		});

		it.each([
			['masked', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.****************', /masked/],
			['not a token', 'my-portal-password', /does not look like a Smartflo access token/],
			[
				'Click to Call Support API key',
				DEMO_SUPPORT_API_KEY,
				/Click to Call Support API key \(a UUID\), not an access token\. It belongs in the API Key field of Call → Click to Call Support/,
			],
			['long non-JWT', 'a'.repeat(64), /does not look like a Smartflo access token/],
			['empty', '   ', /No access token given/],
		])('refuses a %s value with a message saying what to paste, and makes no request', async (_kind, apiToken, message) => {
			const error = await preAuthenticationError({ authMode: 'token', apiToken, baseUrl: sandbox.url, accessToken: '' });
			expect(error.message).toMatch(message);
			expect(error.message).not.toContain(apiToken.trim() || '\u0000');
			expect(sandbox.stats().requests).toBe(0);
		});

		it('refuses a token past its expiry and says to generate a new one', async () => {
			const token = sandbox.issueToken({ kind: 'api-connect', ttlSeconds: -3600 });
			const error = await preAuthenticationError({ authMode: 'token', apiToken: token, baseUrl: sandbox.url, accessToken: '' });
			expect(error.message).toMatch(/expired/);
			expect(error.description).toMatch(/API Connect/);
			expect(error.message + error.description).not.toContain(token);
		});
	});

	describe('password mode', () => {
		it('logs in when no token is stored and returns what n8n must store', async () => {
			const before = Date.now();
			const { output, calls } = await preAuthenticate(passwordCredentials());
			expect(calls.map((call) => call.url)).toEqual([`${sandbox.url}/v1/auth/login`]);
			expect(sandbox.stats()).toMatchObject({ logins: 1, refreshAttempts: 0 });
			expect(decodeToken(output.accessToken as string)?.issuer).toMatch(/auth\/login$/);
			const expiresAt = Date.parse(output.tokenExpiresAt as string);
			expect(expiresAt).toBeGreaterThan(before + 3500_000);
			expect(output.tokenFingerprint).toBe(
				identityFingerprint(readSmartfloCredentials(passwordCredentials() as ICredentialDataDecryptedObject), output.accessToken as string),
			);
			// The demo account's password has 30 days left.
			expect(Date.parse(output.passwordExpiresAt as string)).toBeGreaterThan(before + 29 * 86_400_000);
		});

		it('refreshes the stored token when n8n calls again after a 401', async () => {
			const first = (await preAuthenticate(passwordCredentials())).output;
			sandbox.resetStats();
			const { output } = await preAuthenticate(passwordCredentials(first));
			expect(sandbox.stats()).toMatchObject({ refreshes: 1, loginAttempts: 0 });
			expect(output.accessToken).not.toBe(first.accessToken);
			expect(decodeToken(output.accessToken as string)?.issuer).toMatch(/auth\/refresh$/);
			// A refresh does not report the password expiry: the stored date stays.
			expect(output).not.toHaveProperty('passwordExpiresAt');
		});

		it.each([
			['expired', (sb: SandboxHandle) => sb.expireAllTokens()],
			['revoked', (sb: SandboxHandle) => sb.revokeAllTokens()],
		])('logs in when Smartflo rejects the refresh of an %s token', async (_state, spoil) => {
			const first = (await preAuthenticate(passwordCredentials())).output;
			spoil(sandbox);
			sandbox.resetStats();
			const { output } = await preAuthenticate(passwordCredentials(first));
			expect(sandbox.stats()).toMatchObject({ refreshAttempts: 1, refreshes: 0, logins: 1 });
			expect(decodeToken(output.accessToken as string)?.issuer).toMatch(/auth\/login$/);
		});

		it('logs in instead of refreshing when the stored token was obtained for another password', async () => {
			const first = (await preAuthenticate(passwordCredentials())).output;
			sandbox.resetStats();
			const edited = passwordCredentials({ ...first, password: 'Changed@Pass999' });
			const error = await preAuthenticationError(edited);
			// The edited (wrong) password is checked by a real login, not hidden by a successful refresh.
			expect(sandbox.stats()).toMatchObject({ refreshAttempts: 0, failedLogins: 1 });
			expect(error.message).toMatch(/Wrong email or password/);
			sandbox.unlockAccount(DEMO_ACCOUNT.email);
		});

		it('explains a wrong password with Smartflo’s failed-attempt count, without the password, in one attempt', async () => {
			const secret = 'Wr0ng#Secret!42';
			const error = await preAuthenticationError(passwordCredentials({ password: secret }));
			expect(error.message).toBe('Wrong email or password — Smartflo counts failed attempts (1)');
			expect(error.description).toMatch(/lockout/);
			for (const text of [error.message, error.description, String(error), JSON.stringify(error), inspect(error)]) {
				expect(text).not.toContain(secret);
			}
			expect(sandbox.stats().loginAttempts).toBe(1);
			sandbox.unlockAccount(DEMO_ACCOUNT.email);
		});

		it('says when Smartflo has locked the account', async () => {
			for (let attempt = 0; attempt < 3; attempt++) await preAuthenticationError(passwordCredentials({ password: 'nope' }));
			const error = await preAuthenticationError(passwordCredentials());
			expect(error.message).toMatch(/locked/);
			expect(sandbox.accountState(DEMO_ACCOUNT.email).locked).toBe(true);
			sandbox.unlockAccount(DEMO_ACCOUNT.email);
		});

		it('says when the password has expired under the 90-day policy, not that it is wrong', async () => {
			const error = await preAuthenticationError(passwordCredentials({ email: 'expired@smartflo.test', password: 'Old@Pass123' }));
			expect(error.message).toBe('The Smartflo password of this account has expired');
			expect(error.description).toMatch(/90 days/);
		});

		it('names the base URL when Smartflo is unreachable', async () => {
			const url = await closedPortUrl();
			const error = await preAuthenticationError(passwordCredentials({ baseUrl: `${url}/v1/` }));
			expect(error.message).toBe(`Smartflo unreachable at ${url}`);
			expect(error.description).toMatch(/ECONNREFUSED/);
		});

		it('reports a server error without retrying more than once', async () => {
			sandbox.injectFault({ type: 'serverError', status: 503, match: 'auth', times: 5 });
			const error = await preAuthenticationError(passwordCredentials());
			expect(error.message).toBe(`Smartflo had a server error at ${sandbox.url}`);
			expect(sandbox.stats().loginAttempts).toBe(2);
		});

		it('stores when the password expires, so the node can warn about it', async () => {
			const { output } = await preAuthenticate(passwordCredentials({ email: 'expiring@smartflo.test', password: 'Soon@Pass123' }));
			const daysLeft = (Date.parse(output.passwordExpiresAt as string) - Date.now()) / 86_400_000;
			expect(daysLeft).toBeGreaterThan(4.9);
			expect(daysLeft).toBeLessThanOrEqual(5);
		});

		it('reads failures from the body even when the request helper throws on HTTP >= 400 regardless', async () => {
			const strict = async (options: IHttpRequestOptions) => await n8nHttpRequest({ ...options, ignoreHttpStatusErrors: false });
			const error = await preAuthenticationError(passwordCredentials({ password: 'nope' }), strict);
			expect(error.message).toMatch(/^Wrong email or password/);
			sandbox.unlockAccount(DEMO_ACCOUNT.email);
		});
	});

	describe('authenticate', () => {
		const authorizationOf = async (credentials: IDataObject) => {
			const options = await credential.authenticate(credentials as ICredentialDataDecryptedObject, {
				url: '/v1/users',
				headers: { Accept: 'application/json' },
			});
			return options.headers as IDataObject;
		};

		it('sends the stored token in password mode, never "Bearer Bearer"', async () => {
			const headers = await authorizationOf(passwordCredentials({ accessToken: 'Bearer abc.def.ghi' }));
			expect(headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer abc.def.ghi' });
		});

		it('sends the pasted token in token mode, even if an older one is stored', async () => {
			const current = sandbox.issueToken({ kind: 'permanent' });
			const headers = await authorizationOf({
				authMode: 'token',
				apiToken: `bearer ${current}`,
				accessToken: 'an-older-token',
				baseUrl: sandbox.url,
			});
			expect(headers.Authorization).toBe(`Bearer ${current}`);
		});

		it('refuses to send a masked pasted token', async () => {
			await expect(authorizationOf({ authMode: 'token', apiToken: 'eyJ****', accessToken: 'x', baseUrl: sandbox.url })).rejects.toThrow(
				/masked/,
			);
		});
	});

	describe('the credential test, run the way n8n runs it', () => {
		const testNode: INode = {
			id: 'test',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: { temp: '' },
			credentials: { smartfloApi: { id: 'cred-1', name: 'Smartflo account' } },
		};

		async function runCredentialTest(data: IDataObject): Promise<unknown> {
			const store = new CredentialStore(credential, data);
			const request = credential.test.request;
			const options: IHttpRequestOptions = {
				method: request.method,
				baseURL: String(request.baseURL).replace('={{$credentials.baseUrl}}', String(store.getDecrypted().baseUrl)),
				url: String(request.url),
				json: true,
			};
			const context = {
				getNode: () => testNode,
				getCredentials: async () => store.getDecrypted(),
				helpers: { httpRequest: n8nHttpRequest },
			};
			return await httpRequestWithAuthentication.call(context, store, 'smartfloApi', options, {
				credentialsDecrypted: { id: 'cred-1', name: 'Smartflo account', type: 'smartfloApi', data: store.getDecrypted() },
			});
		}

		it('logs in and lists the numbers with the new token', async () => {
			const body = await runCredentialTest({ ...passwordCredentials() });
			expect(Array.isArray(body)).toBe(true);
			expect(sandbox.stats()).toMatchObject({ logins: 1, rejectedTokens: 0 });
		});

		it('fails with the actionable message for a wrong password', async () => {
			await expect(runCredentialTest(passwordCredentials({ password: 'nope' }))).rejects.toThrow(/Wrong email or password/);
			sandbox.unlockAccount(DEMO_ACCOUNT.email);
		});

		it.each([
			['a pasted /v1', (url: string) => `${url}/v1`],
			['surrounding spaces and a trailing slash', (url: string) => `  ${url}/  `],
			['user info in the URL', (url: string) => url.replace('http://', 'http://someone:secret@')],
		])('calls the same URL that login uses, with %s', async (_what, baseUrlOf) => {
			const body = await runCredentialTest(passwordCredentials({ baseUrl: baseUrlOf(sandbox.url) }));
			expect(Array.isArray(body)).toBe(true);
			expect(sandbox.stats()).toMatchObject({ logins: 1, rejectedTokens: 0 });
			expect(sandbox.stats().byPath).toMatchObject({ 'POST /v1/auth/login': 1, 'GET /v1/my_number': 1 });
		});

		it('passes for a valid pasted token and fails for a revoked one', async () => {
			const token = sandbox.issueToken({ kind: 'api-connect' });
			await expect(runCredentialTest({ authMode: 'token', apiToken: token, baseUrl: sandbox.url, accessToken: '' })).resolves.toBeDefined();
			sandbox.revokeToken(token);
			await expect(runCredentialTest({ authMode: 'token', apiToken: token, baseUrl: sandbox.url, accessToken: '' })).rejects.toThrow(
				/Authorization failed/,
			);
		});
	});
});
