import { identityFingerprint, readSmartfloCredentials } from '../../src/n8n/credential-fields';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import type { CredentialStore, N8nRequestHelperModel } from '../helpers/n8n-credentials';
import { loginToken } from '../sandbox/helpers';
import { passwordCredential, runNode } from './harness';

/**
 * n8n queue mode: every worker renews the shared credential and stores its token, so an execution can
 * start with a token another worker stored, newer than this worker's own last renewal. When Smartflo
 * then expires every token, this worker must renew again rather than hand out its own (also expired) one.
 */
let sandbox: SandboxHandle;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const USERS = { resource: 'user', operation: 'getMany', limit: 1 };

it.each(['1.123', '2.41', 'newest'] as N8nRequestHelperModel[])(
	'on n8n %s: a token another worker stored, refused after Smartflo expired every token, is renewed once and the item succeeds',
	async (n8n) => {
		const store = passwordCredential(sandbox.url);
		store.n8n = n8n;
		await runNode({ store, parameters: USERS });
		const own = store.stored.accessToken;
		storeAnotherWorkersToken(store, await loginToken(sandbox.url));
		sandbox.expireAllTokens();
		sandbox.resetStats();

		const { output } = await runNode({ store, parameters: USERS });

		expect(output).toHaveLength(1);
		expect(store.stored.accessToken).not.toBe(own);
		// One renewal (a refused refresh of the expired token, then a login), and the request sent twice: refused, then answered.
		const { logins, refreshes, apiRequests } = sandbox.stats();
		expect({ renewals: logins + refreshes, apiRequests }).toEqual({ renewals: 1, apiRequests: 2 });
	},
);

function storeAnotherWorkersToken(store: CredentialStore, token: string): void {
	const fingerprint = identityFingerprint(readSmartfloCredentials(store.getDecrypted()), token);
	Object.assign(store.stored, { accessToken: token, tokenFingerprint: fingerprint });
}
