import type { LoginInput, SmartfloAuthClient } from './client';
import { isSmartfloError } from './errors';
import type { TokenSet } from './responses';

/**
 * A new token for an identity: refresh the current token when there is one, and log in when there
 * is none or Smartflo refuses the refresh (expired, revoked, already refreshed). Other failures
 * (network, 5xx, 429) are the caller's to handle: a login would not fare better.
 */
export async function renewToken(client: SmartfloAuthClient, login: LoginInput, currentToken?: string): Promise<TokenSet> {
	if (!currentToken) return client.login(login);
	try {
		// The token came from a login of this identity, so a long lifetime is no reason to keep it.
		return await client.refresh(currentToken, { replacePermanentToken: true });
	} catch (error) {
		if (isSmartfloError(error, 'TOKEN_EXPIRED', 'TOKEN_REJECTED')) return client.login(login);
		throw error;
	}
}
