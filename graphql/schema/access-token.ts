import type { TokenSet } from '../../src/auth';
import type { Builder } from './builder';

export function defineAccessToken(builder: Builder) {
	return builder.objectRef<TokenSet>('AccessToken').implement({
		description: 'A Smartflo access token. Send it to Smartflo as `Authorization: Bearer <accessToken>`.',
		fields: (t) => ({
			accessToken: t.exposeString('accessToken', { description: 'The JWT itself.' }),
			tokenType: t.exposeString('tokenType', { description: 'How to send it; Smartflo says "bearer".' }),
			expiresIn: t.int({
				description: "Seconds the token is valid for from when it was issued, as Smartflo said. Immune to the caller's clock.",
				resolve: (tokens) => Math.round(tokens.expiresIn),
			}),
			expiresAt: t.field({
				type: 'DateTime',
				description: 'When the token expires (UTC). Refresh or log in again a few minutes before.',
				resolve: (tokens) => tokens.expiresAt,
			}),
			passwordExpiresInDays: t.int({
				nullable: true,
				description: "Days until the account password expires under Smartflo's 90-day policy, when Smartflo says.",
				resolve: (tokens) => tokens.passwordExpiresInDays ?? null,
			}),
		}),
	});
}
