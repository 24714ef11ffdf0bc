import { decodeToken } from '../../src/auth';
import type { Builder } from './builder';

export interface TokenInfoShape {
	valid: boolean;
	expired: boolean;
	issuedAt: number | null;
	expiresAt: number | null;
	secondsRemaining: number | null;
}

export function inspectToken(token: string, now: number = Date.now()): TokenInfoShape {
	const claims = typeof token === 'string' ? decodeToken(token) : null;
	if (!claims) return { valid: false, expired: false, issuedAt: null, expiresAt: null, secondsRemaining: null };
	const expiresAt = claims.expiresAt ?? null;
	const expired = expiresAt !== null && expiresAt <= now;
	return {
		valid: !expired,
		expired,
		issuedAt: claims.issuedAt ?? null,
		expiresAt,
		secondsRemaining: expiresAt === null ? null : Math.max(0, Math.floor((expiresAt - now) / 1000)),
	};
}

export function defineTokenInfo(builder: Builder) {
	const TokenInfo = builder.objectRef<TokenInfoShape>('TokenInfo').implement({
		description:
			'What a token says about itself, read locally without asking Smartflo. The signature is not checked (only Smartflo can): a token can look valid here and still be revoked.',
		fields: (t) => ({
			valid: t.exposeBoolean('valid', { description: 'True when the token is a readable JWT that has not expired.' }),
			expired: t.exposeBoolean('expired', { description: 'True when the token\'s expiry (`exp`) is in the past.' }),
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
				resolve: (_root, { token }) => inspectToken(token),
			}),
		}),
	});
}
