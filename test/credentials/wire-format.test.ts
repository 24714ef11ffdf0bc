import nock from 'nock';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { SmartfloApi } from '../../credentials/SmartfloApi.credentials';
import { identityFingerprint, readSmartfloCredentials } from '../../src/n8n/credential-fields';
import { jwtExpiringIn } from '../helpers/jwt';
import { n8nHttpRequest } from '../helpers/n8n-http-request';
import { useNock } from '../helpers/nock';

const BASE_URL = 'https://api-smartflo.tatateleservices.com';
const credential = new SmartfloApi();
const context = { helpers: { httpRequest: (options: IHttpRequestOptions) => n8nHttpRequest(options) } } as unknown as IHttpRequestHelper;
const preAuthenticate = (data: Record<string, unknown>) =>
	credential.preAuthentication!.call(context, data as ICredentialDataDecryptedObject);

describe('SmartfloApi credential: exact requests on the wire', () => {
	useNock({ disableNetConnect: true });

	it('logs in with a JSON body, JSON headers and no Authorization header, at the default base URL', async () => {
		const token = jwtExpiringIn(3600);
		const scope = nock(BASE_URL, { badheaders: ['authorization'] })
			.post('/v1/auth/login', { email: 'ops@example.in', password: 'S3cret!pass' })
			.matchHeader('accept', 'application/json')
			.matchHeader('content-type', 'application/json')
			.reply(200, { success: true, access_token: token, token_type: 'bearer', expires_in: 3600, number_of_days_left: 12 });
		const output = await preAuthenticate({ authMode: 'password', email: ' ops@example.in ', password: 'S3cret!pass', accessToken: '' });
		scope.done();
		expect(output.accessToken).toBe(token);
	});

	it('refreshes with "Authorization: Bearer <token>" and no body', async () => {
		const stored = jwtExpiringIn(100);
		const data = {
			authMode: 'password',
			email: 'ops@example.in',
			password: 'S3cret!pass',
			baseUrl: BASE_URL,
			accessToken: `Bearer ${stored}`,
		};
		const fingerprint = identityFingerprint(readSmartfloCredentials(data as ICredentialDataDecryptedObject), `Bearer ${stored}`);
		const renewed = jwtExpiringIn(3600);
		const scope = nock(BASE_URL)
			.post('/v1/auth/refresh', (body) => body === '' || Object.keys(body as object).length === 0)
			.matchHeader('authorization', `Bearer ${stored}`)
			.reply(200, { success: true, access_token: renewed, token_type: 'bearer', expires_in: 3600 });
		const output = await preAuthenticate({ ...data, tokenFingerprint: fingerprint });
		scope.done();
		expect(output.accessToken).toBe(renewed);
	});

	it('treats HTTP 200 with success:false as a failed login', async () => {
		nock(BASE_URL).post('/v1/auth/login').reply(200, { success: false, message: 'Invalid credentials' });
		await expect(preAuthenticate({ authMode: 'password', email: 'ops@example.in', password: 'x', accessToken: '' })).rejects.toThrow(
			/^Wrong email or password — Smartflo counts failed attempts$/,
		);
	});

	it('makes no request at all in token mode', async () => {
		const token = jwtExpiringIn(86_400);
		const output = await preAuthenticate({ authMode: 'token', apiToken: token, accessToken: '' });
		expect(output.accessToken).toBe(token);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
