import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { AccountBook } from './accounts';
import { CallLedger } from './calls';
import { applyConfigPatch, isPositiveInteger } from './config';
import type { SandboxState } from './context';
import { createControls } from './controls';
import { DEFAULT_MAX_PAGE_SIZE, DEFAULT_TOKEN_TTL_SECONDS, DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY } from './defaults';
import { FaultQueue } from './faults';
import { SeededRandom } from './random';
import { buildSeedData } from './seed';
import { createSandboxServer } from './server';
import { StatsRecorder } from './stats';
import { TokenAuthority } from './tokens';
import type { SandboxHandle, SandboxOptions } from './types';
import { WebhookSender } from './webhooks/sender';

export { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY } from './defaults';
export type {
	AccountState,
	FaultKind,
	FaultMatch,
	IssueTokenOptions,
	QueuedFaultInfo,
	SandboxAccount,
	SandboxConfig,
	SandboxConfigPatch,
	SandboxControls,
	SandboxFault,
	SandboxHandle,
	SandboxOptions,
	SandboxSeedOptions,
	SandboxStats,
	TokenKind,
} from './types';
export type {
	CallKind,
	CallOutcome,
	DeliveryRecord,
	PlayCallOptions,
	PlayedCall,
	RegisteredWebhook,
	SandboxWebhookControls,
	WebhookEncoding,
	WebhookMethod,
	WebhookQuirks,
	WebhookRegistration,
	WebhookSettings,
	WebhookStats,
} from './webhooks/types';

/** Starts a local Smartflo simulator; docs/smartflo-api.md describes the API it mimics. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	const state = createState(options);
	const controls = createControls(state);
	const { server, close } = createSandboxServer(state, controls);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const closeAll = async () => {
		state.webhooks.close();
		await close();
	};
	return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, ...controls, close: closeAll };
}

function createState(options: SandboxOptions): SandboxState {
	const { lockAfterFailedLogins } = options;
	if (lockAfterFailedLogins !== undefined && !isPositiveInteger(lockAfterFailedLogins)) {
		throw new TypeError('lockAfterFailedLogins must be a positive integer');
	}
	const config = applyConfigPatch(
		{ tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS, latencyMs: 0, maxPageSize: DEFAULT_MAX_PAGE_SIZE },
		{ tokenTtlSeconds: options.tokenTtlSeconds, latencyMs: options.latencyMs, maxPageSize: options.maxPageSize },
	);
	const seed = buildSeedData(options.seed ?? {}, options.supportApiKeys ?? [DEMO_SUPPORT_API_KEY], Date.now());
	const directory = seed.directory;
	const calls = new CallLedger(directory.accountId, seed.callRecords, seed.liveCalls, new SeededRandom('smartflo-runtime'));
	return {
		config,
		accounts: new AccountBook(options.accounts ?? [DEMO_ACCOUNT], lockAfterFailedLogins),
		tokens: new TokenAuthority(options.jwtSecret ?? randomBytes(32).toString('base64url')),
		stats: new StatsRecorder(),
		faults: new FaultQueue(),
		directory,
		calls,
		webhooks: new WebhookSender(directory, new SeededRandom('smartflo-webhooks'), calls),
		campaigns: seed.campaigns,
		callbacks: seed.callbacks,
		dialer: seed.dialer,
	};
}
