import { inspectToken } from '../../src/auth';
import type { Builder } from './builder';

export interface TokenInfoShape {
	valid: boolean;
	expired: boolean;
	issuedAt: number | null;
	expiresAt: number | null;
	secondsRemaining: number | null;
}

/** The core's token inspection, as the schema exposes it. */
export function tokenInfo(token: string, now: number = Date.now()): TokenInfoShape {
	const inspection = inspectToken(token, now);
	return {
		valid: inspection.valid,
		expired: inspection.expired,
		issuedAt: inspection.issuedAt ?? null,
		expiresAt: inspection.expiresAt ?? null,
		secondsRemaining: inspection.secondsRemaining ?? null,
	};
}

export function defineTokenInfo(builder: Builder) {
	const TokenInfo = builder.objectRef<TokenInfoShape>('TokenInfo').implement({
		description:
			'What a token says about itself, read locally without asking Smartflo. The signature is not checked (only Smartflo can): a token can look valid here and still be revoked.',
		fields: (t) => ({
			valid: t.exposeBoolean('valid', { description: 'True when the token is a readable JWT that has not expired.' }),
			expired: t.exposeBoolean('expired', { description: "True when the token's expiry (`exp`) is in the past." }),
			issuedAt: t.field({
				type: 'DateTime',
				nullable: true,
				description: 'When the token was issued (`iat`), if it says.',
				resolve: (info) => info.issuedAt,
			}),
			expiresAt: t.field({
				type: 'DateTime',
				nullable: true,
				description: 'When the token expires (`exp`), if it says.',
				resolve: (info) => info.expiresAt,
			}),
			secondsRemaining: t.exposeInt('secondsRemaining', {
				nullable: true,
				description: 'Whole seconds until it expires (0 once expired), if it says.',
			}),
		}),
	});

	builder.queryType({
		description: 'Reading tokens. Sends nothing to Smartflo.',
		fields: (t) => ({
			tokenInfo: t.field({
				type: TokenInfo,
				description: 'Decodes a Smartflo token (with or without "Bearer ") to show when it was issued and when it expires.',
				args: { token: t.arg.string({ required: true, description: 'A Smartflo access token.' }) },
				resolve: (_root, { token }) => tokenInfo(token),
			}),
		}),
	});
}
