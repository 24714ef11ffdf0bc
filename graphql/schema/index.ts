import type { GraphQLSchema } from 'graphql';

import { defineAccessToken } from './access-token';
import { defineApiError, type ApiErrorShape } from './api-error';
import { defineAuthError } from './auth-error';
import { defineAuthMutations } from './auth-mutations';
import { defineAuthPayload } from './auth-payload';
import { createBuilder, type Builder, type Ref } from './builder';
import { defineDateTime } from './date-time';
import { defineTokenInfo } from './token-info';

/** The types every data domain's payloads share. */
export interface SharedRefs {
	ApiError: Ref<ApiErrorShape>;
}

/** One domain of Smartflo data (users, call records, …): its types and its root fields, in a file of its own. */
export type SchemaDomain = (builder: Builder, refs: SharedRefs) => void;

/** The data domains of the schema, in order. */
export const DATA_DOMAINS: readonly SchemaDomain[] = [];

/** The schema graphql/README.md#auth-the-schema shows; a fresh builder per call, so servers share no state. */
export function buildSchema(domains: readonly SchemaDomain[] = DATA_DOMAINS): GraphQLSchema {
	const builder = createBuilder();
	defineDateTime(builder);
	const AccessToken = defineAccessToken(builder);
	const AuthError = defineAuthError(builder);
	const AuthPayload = defineAuthPayload(builder, { AccessToken, AuthError });
	defineAuthMutations(builder, AuthPayload);
	defineTokenInfo(builder);
	const refs: SharedRefs = { ApiError: defineApiError(builder) };
	for (const domain of domains) domain(builder, refs);
	return builder.toSchema({ sortSchema: false });
}
