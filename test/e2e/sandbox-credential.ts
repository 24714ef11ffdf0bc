import { DEMO_ACCOUNT } from '../../sandbox/index';
import type { N8nServer } from './n8n-server';

/** A Smartflo credential in n8n, as workflows reference it. */
export interface CredentialReference {
	id: string;
	name: string;
}

/** An Email & Password credential for the sandbox's demo account, created through n8n's public API. */
export async function createSandboxCredential(n8n: N8nServer, sandboxUrl: string, name: string): Promise<CredentialReference> {
	// n8n's public API turns the credential's displayOptions into a JSON schema that requires apiToken in
	// password mode and forbids it in token mode, and wants the domain restriction spelled out.
	const created = await n8n.api<CredentialReference>('/credentials', {
		body: {
			name,
			type: 'smartfloApi',
			data: { authMode: 'password', ...DEMO_ACCOUNT, apiToken: '', baseUrl: sandboxUrl, allowedHttpRequestDomains: 'all' },
		},
	});
	return { id: created.id, name: created.name };
}
