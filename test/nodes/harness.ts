import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SmartfloApi } from '../../credentials/SmartfloApi.credentials';
import { Smartflo } from '../../nodes/Smartflo/Smartflo.node';
import { DEMO_ACCOUNT } from '../../sandbox/index';
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
export async function runNodeError(
	options: RunOptions,
): Promise<Error & { context?: IDataObject; description?: string; httpCode?: string }> {
	return await runNode(options).then(
		() => {
			throw new Error('The node succeeded');
		},
		(error: Error & { context?: IDataObject }) => error,
	);
}

/** What a run takes besides its parameters: items, Continue On Fail, a request helper. */
type RunExtras = Omit<RunOptions, 'store' | 'parameters'>;

/**
 * runNode and runNodeError for one resource's operations, signed in with the demo account's password
 * to the sandbox at `baseUrl()`; it is read at each run, as suites start their sandbox in beforeAll.
 */
export function forResource(resource: string, baseUrl: () => string) {
	const options = (parameters: RunOptions['parameters'], extras: RunExtras): RunOptions => ({
		...extras,
		store: passwordCredential(baseUrl()),
		parameters: typeof parameters === 'function' ? (index) => ({ resource, ...parameters(index) }) : { resource, ...parameters },
	});
	return {
		run: (parameters: RunOptions['parameters'], extras: RunExtras = {}) => runNode(options(parameters, extras)),
		fail: (parameters: RunOptions['parameters'], extras: RunExtras = {}) => runNodeError(options(parameters, extras)),
	};
}

export const jsonOf = (output: INodeExecutionData[]) => output.map((item) => item.json);
