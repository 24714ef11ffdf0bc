// Public library entry (the GraphQL server package): the shared auth core with Node's defaults, its
// transports, the Smartflo sandbox and the GraphQL server.
export * from './src/auth';
export { SmartfloAuthClient } from './src/runtime/node-client';
export * from './src/http';
export { createUndiciTransport } from './src/http/undici-transport';
export type { UndiciTransport, UndiciTransportOptions } from './src/http/undici-transport';
export * from './src/sandbox';
export { createGraphQLServer } from './graphql/server';
export type { GraphQLServer, GraphQLServerControls } from './graphql/server';
export type { GraphQLServerOptions, IntrospectionMode, ArmorLimits } from './graphql/options';
export type { AuthGuardLimits } from './graphql/limits/auth-guard';
export type { RateLimit } from './graphql/limits/rate-limiter';
export type { Logger, LoggerOptions, LogLevel, LogFields } from './graphql/logging';
export type { GraphiQLExample } from './graphql/graphiql';
