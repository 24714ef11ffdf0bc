import type { SandboxState } from './context';
import { applyConfigPatch } from './config';
import { API_CONNECT_TOKEN_TTL_SECONDS, PERMANENT_TOKEN_TTL_SECONDS, tokenFromAuthorization } from './tokens';
import type { IssueTokenOptions, SandboxControls, TokenKind } from './types';
import { createWebhookControls } from './webhooks/controls';

const TOKEN_KINDS: readonly TokenKind[] = ['login', 'permanent', 'api-connect'];

/** The handle's administration methods; the admin HTTP API calls the same ones. */
export function createControls(state: SandboxState): SandboxControls {
	return {
		stats: () => state.stats.snapshot(),
		resetStats: () => state.stats.reset(),
		issueToken: (options: IssueTokenOptions = {}) => {
			const { email, ttlSeconds, kind = 'login' } = options;
			if (!TOKEN_KINDS.includes(kind)) throw new TypeError(`Token kind must be one of ${TOKEN_KINDS.join(', ')}`);
			if (ttlSeconds !== undefined && (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds))) {
				throw new TypeError('ttlSeconds must be a number');
			}
			if (email !== undefined && typeof email !== 'string') throw new TypeError('email must be a string');
			return state.tokens.issue({
				sub: String(state.accounts.userIdOf(email)),
				kind,
				ttlSeconds: ttlSeconds ?? defaultTtl(kind, state.config.tokenTtlSeconds),
			});
		},
		revokeToken: (token: string) => state.tokens.revoke(tokenFromAuthorization(token)),
		revokeAllTokens: () => state.tokens.revokeAll(),
		expireAllTokens: () => state.tokens.expireAll(),
		configure: (patch) => {
			state.config = applyConfigPatch(state.config, patch);
			return { ...state.config };
		},
		getConfig: () => ({ ...state.config }),
		injectFault: (fault) => state.faults.add(fault),
		clearFaults: () => state.faults.clear(),
		listFaults: () => state.faults.describe(),
		accountState: (email) => state.accounts.state(email),
		unlockAccount: (email) => state.accounts.unlock(email),
		...createWebhookControls(state.webhooks),
	};
}

function defaultTtl(kind: TokenKind, loginTtlSeconds: number): number {
	if (kind === 'permanent') return PERMANENT_TOKEN_TTL_SECONDS;
	if (kind === 'api-connect') return API_CONNECT_TOKEN_TTL_SECONDS;
	return loginTtlSeconds;
}
