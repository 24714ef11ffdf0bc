import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { TOKEN_REFUSAL_STATUSES } from '../../src/api/answer';
import { SmartfloApiClient, type AuthenticatingTransport } from '../../src/api/client';
import { SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';
import { SmartfloError } from '../../src/auth';
import {
	SMARTFLO_CREDENTIAL_TYPE,
	answerOf,
	countSends,
	needsRenewalBeforeSending,
	noteTokenReplaced,
	readSmartfloCredentials,
	requestHelperOf,
	type SendCounter,
} from '../../src/n8n';
import { createRequestHelperTransport } from '../../src/n8n/request-helper-transport';
import { DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import type { CredentialStore, N8nRequestHelperModel } from '../helpers/n8n-credentials';
import { createExecuteContext } from '../helpers/n8n-execute';
import { node, passwordCredential, runNode, tokenCredential } from '../nodes/harness';

/**
 * The seam the n8n node will be an adapter over: an AuthenticatingTransport over n8n's
 * httpRequestWithAuthentication (modelled per n8n version in test/helpers/n8n-credentials.ts) with the
 * real credential, n8n's plain request helper for API-key endpoints, n8n's `sleep`. The adapter below
 * is what the node's transport becomes; the client decides the one renewal per call.
 */
function n8nClient(context: IExecuteFunctions, store: CredentialStore): SmartfloApiClient {
	const raw = store.getDecrypted();
	const credentials = readSmartfloCredentials(raw);
	const withEmptyToken: ICredentialsDecrypted = {
		id: 'cred-smartflo-1',
		name: 'Smartflo account',
		type: SMARTFLO_CREDENTIAL_TYPE,
		data: { ...raw, accessToken: '' },
	};
	const transport: AuthenticatingTransport = {
		renewable: credentials.authMode === 'password',
		renewBeforeSending: () => needsRenewalBeforeSending(credentials),
		async request(request, send) {
			if (send.renew) noteTokenReplaced(credentials);
			let counter: SendCounter | undefined;
			const response = await createRequestHelperTransport(async (options) => {
				// 401 and 403 still throw, so that n8n's own renew-and-resend can run.
				const authenticated = { ...options, ignoreHttpStatusErrors: { ignore: true as const, except: TOKEN_REFUSAL_STATUSES } };
				counter = countSends(authenticated);
				return await context.helpers.httpRequestWithAuthentication.call(context, SMARTFLO_CREDENTIAL_TYPE, authenticated, {
					preAuthenticationRetryStatusCode: TOKEN_REFUSAL_STATUSES,
					shouldRefreshCredentials: (answer: unknown) => {
						const read = answerOf(answer);
						return read !== undefined && send.isTokenRefusal(read);
					},
					...(send.renew ? { credentialsDecrypted: withEmptyToken } : {}),
				} as never);
			}).request(request);
			return { ...response, renewed: (counter?.sends ?? 0) > 1 };
		},
	};
	return new SmartfloApiClient({
		baseUrl: credentials.baseUrl,
		auth: { transport },
		transport: createRequestHelperTransport(requestHelperOf(context)),
		sleep,
	});
}

const { myNumber, call } = SMARTFLO_ENDPOINTS;
let sandbox: SandboxHandle;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.resetStats();
});

/** A password credential that logged in once already, on the given n8n version's request path. */
async function loggedIn(n8n: N8nRequestHelperModel): Promise<CredentialStore> {
	const store = passwordCredential(sandbox.url);
	store.n8n = n8n;
	await runNode({ store, parameters: { resource: 'myNumber', operation: 'getMany', limit: 1 } });
	store.preAuthenticationCalls.length = 0;
	sandbox.resetStats();
	return store;
}
const contextOf = (store: CredentialStore) => createExecuteContext({ description: node.description, store, parameters: {} });

it('a 401 that n8n renews and resends by itself: the client does not send a third time', async () => {
	const store = await loggedIn('2.41');
	sandbox.expireAllTokens();
	const { items } = await n8nClient(contextOf(store).context, store).list(myNumber.getMany);
	expect(items.length).toBeGreaterThan(0);
	// n8n's renewal: a refused refresh of the expired token, then a login; the request sent twice.
	expect(sandbox.stats()).toMatchObject({ apiRequests: 2, refreshAttempts: 1, logins: 1 });
	expect(store.preAuthenticationCalls).toEqual([expect.objectContaining({ credentialsExpired: true })]);
});

it('a 403 that n8n 1.x does not renew: the client asks the transport to renew once, and the call succeeds', async () => {
	const store = await loggedIn('1.123');
	sandbox.injectFault({ type: 'unauthorized', status: 403, match: 'api', times: 1 });
	const { items } = await n8nClient(contextOf(store).context, store).list(myNumber.getMany);
	expect(items.length).toBeGreaterThan(0);
	expect(sandbox.stats()).toMatchObject({ apiRequests: 2, logins: 1 });
	expect(store.preAuthenticationCalls).toEqual([{ credentialsExpired: false, accessTokenIn: '' }]);
});

it.each<N8nRequestHelperModel>(['1.123', '2.41', 'newest'])(
	'on n8n %s, a token refused after the renewal is TOKEN_EXPIRED after two sends (no loop)',
	async (n8n) => {
		const store = await loggedIn(n8n);
		sandbox.injectFault({ type: 'unauthorized', status: 403, match: 'api', times: null });
		const error = await n8nClient(contextOf(store).context, store)
			.list(myNumber.getMany)
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(SmartfloError);
		expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', status: 403, message: expect.stringMatching(/newly obtained token/) });
		expect(sandbox.stats().apiRequests).toBe(2);
	},
);

it('a stored token about to expire is renewed before the first send, so nothing is refused', async () => {
	const store = await loggedIn('2.41');
	store.stored.tokenExpiresAt = new Date(Date.now() - 1000).toISOString();
	sandbox.expireAllTokens();
	await n8nClient(contextOf(store).context, store).list(myNumber.getMany);
	expect(sandbox.stats()).toMatchObject({ apiRequests: 1, rejectedTokens: 0, logins: 1 });
});

it('a pasted token is never renewed: refused → TOKEN_REJECTED, no login', async () => {
	const token = sandbox.issueToken({ kind: 'api-connect' });
	const store = tokenCredential(sandbox.url, token);
	sandbox.revokeToken(token);
	const error = await n8nClient(contextOf(store).context, store)
		.list(myNumber.getMany)
		.catch((caught: unknown) => caught);
	expect(error).toMatchObject({ code: 'TOKEN_REJECTED', status: 401 });
	expect(sandbox.stats()).toMatchObject({ loginAttempts: 0 });
});

it('an API-key endpoint goes through the plain request helper, without the credential', async () => {
	const store = await loggedIn('2.41');
	const harness = contextOf(store);
	const result = await n8nClient(harness.context, store).call(call.clickToCallSupport, {
		customer_number: '9876543210',
		api_key: DEMO_SUPPORT_API_KEY,
		async: 1,
	});
	expect(result).toMatchObject({ success: true });
	expect(harness.authenticatedRequests).toHaveLength(0);
});
