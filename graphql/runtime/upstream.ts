import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from 'smartflo-sandbox';

import { accountCredentialsOf, type AccountSettings } from '../settings/account';
import type { SmartfloSettings } from '../settings/smartflo';
import type { AccountCredentials } from './account';

/** The Smartflo a command talks to, and the account it holds there. */
export interface Upstream {
	/** Smartflo's API: the sandbox's with --sandbox. */
	baseUrl: string;
	/** The server-held account: the sandbox's demo account with --sandbox, else the one the settings give (if any). */
	account?: AccountCredentials;
	/** The embedded sandbox, with --sandbox: close it when the command stops. */
	sandbox?: SandboxHandle;
}

/**
 * Where a command's calls go, from the shared settings. With --sandbox, starts the embedded sandbox
 * on a free loopback port and holds its demo account (the SMARTFLO_* account settings are ignored,
 * as SMARTFLO_BASE_URL is).
 */
export async function startUpstream(config: SmartfloSettings & AccountSettings): Promise<Upstream> {
	if (!config.sandbox) return { baseUrl: config.baseUrl, account: accountCredentialsOf(config) };
	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	return { baseUrl: sandbox.url, account: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }, sandbox };
}
