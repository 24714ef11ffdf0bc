import { startSandbox } from '../../sandbox/index';
import { benchAccounts } from '../fixtures/accounts';
import { childOptions, serveParent } from './protocol';

export interface SandboxProcessOptions {
	accounts: number;
}

async function main(): Promise<void> {
	const { accounts } = childOptions<SandboxProcessOptions>();
	const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, accounts: benchAccounts(accounts) });
	serveParent(sandbox.url, { stop: () => sandbox.close() });
}

void main();
