// Public library entry of smartflo-graphql: the shared core (auth, the endpoint catalogue and the API
// client) with Node's defaults, its transports, the Smartflo sandbox (re-exported from smartflo-sandbox)
// and the GraphQL server.
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
export type { AuthGuardLimits } from './limits/auth-guard';
export type { RateLimit } from './limits/rate-limiter';
export type { Logger, LoggerOptions, LogLevel, LogFields } from './logging';
export type { GraphiQLExample } from './graphiql';
