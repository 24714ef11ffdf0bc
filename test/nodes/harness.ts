import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SmartfloApi } from '../../credentials/SmartfloApi.credentials';
import { Smartflo } from '../../nodes/Smartflo/Smartflo.node';
import { DEMO_ACCOUNT } from '../../src/sandbox';
import { CredentialStore } from '../helpers/n8n-credentials';
import { createExecuteContext, type ExecuteContextOptions } from '../helpers/n8n-execute';

export const node = new Smartflo();
export const credentialType = new SmartfloApi();

export function passwordCredential(baseUrl: string, extra: IDataObject = {}): CredentialStore {
	return new CredentialStore(credentialType, { authMode: 'password', ...DEMO_ACCOUNT, baseUrl, ...extra });
}

export function tokenCredential(baseUrl: string, apiToken: string): CredentialStore {
	return new CredentialStore(credentialType, { authMode: 'token', apiToken, baseUrl });
}

export type RunOptions = Omit<ExecuteContextOptions, 'description'>;

export async function runNode(options: RunOptions) {
	const harness = createExecuteContext({ ...options, description: node.description });
	const [output] = await node.execute.call(harness.context);
	return { output, ...harness };
}

/** The error the node throws, or fails the test if it succeeds. */
export async function runNodeError(options: RunOptions): Promise<Error & { context?: IDataObject; description?: string; httpCode?: string }> {
	return await runNode(options).then(
		() => {
			throw new Error('The node succeeded');
		},
		(error: Error & { context?: IDataObject }) => error,
	);
}

export const jsonOf = (output: INodeExecutionData[]) => output.map((item) => item.json);
