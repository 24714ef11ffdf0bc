// Public library entry of smartflo-graphql: the shared core (auth, the endpoint catalogue and the API
// client) with Node's defaults, its transports, the Smartflo sandbox (re-exported from smartflo-sandbox),
// the GraphQL server and what it holds for its callers (the server-held account, API keys).
export * from '../src/auth';
export { SmartfloAuthClient, SmartfloApiClient } from './runtime/node-client';
export * from '../src/api/client';
export { SMARTFLO_ENDPOINTS } from '../src/api/endpoints';
export type { EndpointDefinition, Pagination, ParamDefinition, ParamType, ResponseShape, Values } from '../src/api/endpoints';
export * from '../src/http';
export { createFetchTransport } from './runtime/fetch-transport';
export type { FetchTransportOptions } from './runtime/fetch-transport';
export { createUndiciTransport } from './runtime/undici-transport';
export type { UndiciTransport, UndiciTransportOptions } from './runtime/undici-transport';
export * from 'smartflo-sandbox';
export { createGraphQLServer } from './server';
export type { GraphQLServer, GraphQLServerControls } from './server';
export type { GraphQLServerOptions, IntrospectionMode, ArmorLimits } from './options';
export { createServerAccount } from './runtime/account';
export type { AccountCredentials, ServerAccount, ServerAccountOptions } from './runtime/account';
export { ApiKeyStore, generateApiKey, parseApiKeyEntries } from './runtime/api-keys';
export type { ApiKeyEntry, ApiKeyIdentity, ApiKeyPermission } from './runtime/api-keys';
export { API_ERROR_CODES, GATEWAY_ERROR_CODES, GatewayError } from './runtime/gateway-error';
export type { ApiErrorCode, GatewayErrorCode } from './runtime/gateway-error';
export type { DataLimits } from './limits/data-guard';
export type { AuthGuardLimits } from './limits/auth-guard';
export type { RateLimit } from './limits/rate-limiter';
export type { Logger, LoggerOptions, LogLevel, LogFields } from './logging';
export type { GraphiQLExample } from './graphiql';
