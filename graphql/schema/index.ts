import type { GraphQLSchema } from 'graphql';

import { defineAccessToken } from './access-token';
import { defineAuthError } from './auth-error';
import { defineAuthMutations } from './auth-mutations';
import { defineAuthPayload } from './auth-payload';
import { createBuilder } from './builder';
import { defineDateTime } from './date-time';
import { defineTokenInfo } from './token-info';

/** The schema graphql/README.md#auth-the-schema shows; a fresh builder per call, so servers share no state. */
export function buildSchema(): GraphQLSchema {
	const builder = createBuilder();
	defineDateTime(builder);
	const AccessToken = defineAccessToken(builder);
	const AuthError = defineAuthError(builder);
	const AuthPayload = defineAuthPayload(builder, { AccessToken, AuthError });
	defineAuthMutations(builder, AuthPayload);
	defineTokenInfo(builder);
	return builder.toSchema({ sortSchema: false });
}
