import type { IDataObject } from 'n8n-workflow';

import type { TokenSet } from '../../../../src/auth/responses';

/** A token set as the node outputs it: times as ISO 8601, unknown values left out. */
export function tokenOutput(tokenSet: TokenSet): IDataObject {
	const output: IDataObject = {
		accessToken: tokenSet.accessToken,
		tokenType: tokenSet.tokenType,
		expiresIn: tokenSet.expiresIn,
		expiresAt: tokenSet.expiresAt > 0 ? new Date(tokenSet.expiresAt).toISOString() : null,
	};
	if (tokenSet.passwordExpiresInDays !== undefined) output.passwordExpiresInDays = tokenSet.passwordExpiresInDays;
	return output;
}
