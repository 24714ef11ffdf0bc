import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';

import { DEFAULT_TIMEOUT_MS, SmartfloAuthClient } from '../src/auth';
import type { HttpTransport } from '../src/http';
import { clientAddress, type NodeServerContext } from './client-ip';
import { corsPolicy } from './cors';
import type { GraphQLContext } from './context';
import { DataGateway } from './data/upstream-access';
import { graphiqlOptions, renderGraphiQLPage } from './graphiql';
import { maskError } from './mask-errors';
import { AuthGuard, type AuthGuardLimits } from './limits/auth-guard';
import { DataGuard, resolveDataLimits } from './limits/data-guard';
import { limitsSecretProblem } from './limits/limits-secret';
import { RedisStateStore } from './limits/redis-store';
import type { StoreHealth } from './limits/state-store';
import { createLogger, toYogaLogger, type Logger } from './logging';
import {
	DEFAULT_ARMOR_LIMITS,
	DEFAULT_MAX_REQUEST_BODY_BYTES,
	DEFAULT_RETRY_AFTER_SECONDS,
	DEFAULT_SHUTDOWN_TIMEOUT_MS,
	GRAPHQL_ENDPOINT,
	HEALTH_ENDPOINT,
	READINESS_ENDPOINT,
	type GraphQLServerOptions,
} from './options';
import { useIntrospectionSwitch } from './plugins/introspection';
import { useNoInputEchoes } from './plugins/no-input-echoes';
import { useOperationLog } from './plugins/operation-log';
import { useRateLimitStatus } from './plugins/rate-limit-status';
import { useRequestBodyFormat } from './plugins/request-body-format';
import { useRequestBodyLimit } from './plugins/request-body-limit';
import { RequestRecords } from './plugins/request-records';
import { createServerAccount, type ServerAccount } from './runtime/account';
import { ApiKeyStore } from './runtime/api-keys';
import { sleep } from './runtime/node-client';
import { createUndiciTransport, type UndiciTransport } from './runtime/undici-transport';
import { buildSchema } from './schema';

export interface GraphQLServerControls {
	/** The rate limiters and caches in front of Smartflo. */
	readonly authGuard: AuthGuard;
	readonly logger: Logger;
	/** Readiness answers 503 from now on; requests are still served (drain). */
	beginShutdown(): void;
	isShuttingDown(): boolean;
}

export type GraphQLServer = YogaServerInstance<NodeServerContext, GraphQLContext> & GraphQLServerControls;

/**
 * The GraphQL face: a yoga server (usable as `server.fetch` and as a node:http request listener)
 * over one SmartfloAuthClient. `await server.dispose()` closes the upstream pool it created.
 */
export function createGraphQLServer(options: GraphQLServerOptions = {}): GraphQLServer {
	const production = options.production ?? false;
	const logger = isLogger(options.logger) ? options.logger : createLogger(options.logger);
	const dataLimits = resolveDataLimits(options.dataLimits);
	const keys = apiKeyStore(options);
	const ownedPool = options.transport ? undefined : createUndiciTransport();
	const transport: HttpTransport = options.transport ?? (ownedPool as UndiciTransport);
	const client = new SmartfloAuthClient({
		baseUrl: options.baseUrl,
		transport,
		timeoutMs: options.upstreamTimeoutMs,
		retries: options.upstreamRetries,
		sleep,
	});
	const account = serverAccount(options, transport, logger);
	const authGuard = new AuthGuard({ client, limits: options.limits, store: redisStore(options, logger), secret: options.limitsSecret });
	const data = new DataGateway({
		account,
		keys,
		guard: new DataGuard({ store: authGuard.store, limits: dataLimits, secret: options.limitsSecret }),
		transport,
		baseUrl: client.baseUrl,
		timeoutMs: client.timeoutMs,
	});
	const records = new RequestRecords();
	const armor = { ...DEFAULT_ARMOR_LIMITS, ...options.armor };
	const defaultRetryAfterSeconds = options.defaultRetryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
	const trustedProxies = Math.max(0, Math.floor(options.trustedProxies ?? 0));
	const cors = corsPolicy(options.corsOrigins ?? []);
	const state = { shuttingDown: false };

	const plugins: Plugin[] = [
		useOperationLog(records, logger, GRAPHQL_ENDPOINT),
		useReadinessCheck({
			endpoint: READINESS_ENDPOINT,
			check: async ({ fetchAPI }) => (state.shuttingDown ? false : readiness(await authGuard.health(), fetchAPI.Response)),
		}),
		useCSRFPrevention(),
		EnvelopArmorPlugin({
			maxDepth: { n: armor.maxDepth },
			maxAliases: { n: armor.maxAliases },
			maxTokens: { n: armor.maxTokens },
			maxDirectives: { n: armor.maxDirectives },
			costLimit: { maxCost: armor.maxCost },
			blockFieldSuggestion: { enabled: true },
		}) as Plugin,
		useNoInputEchoes(),
		useRateLimitStatus(records),
		useRequestBodyFormat(),
		useRequestBodyLimit(options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES),
		{
			onDispose: async () => {
				await ownedPool?.close({ deadlineMs: options.upstreamCloseTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS });
				await authGuard.close();
			},
		},
	];
	const introspection = useIntrospectionSwitch(options.introspection ?? (production ? 'off' : 'on'), options.introspectionKey);
	if (introspection) plugins.push(introspection);
	if (cors.plugin) plugins.push(cors.plugin);

	const graphiql = options.graphiql ?? !production;
	const yoga = createYoga<NodeServerContext, GraphQLContext>({
		schema: buildSchema(),
		graphqlEndpoint: GRAPHQL_ENDPOINT,
		healthCheckEndpoint: HEALTH_ENDPOINT,
		// Pinned whatever NODE_ENV says: yoga's development mode adds the original error and its stack.
		maskedErrors: { isDev: false, maskError },
		batching: false,
		// Enforced by useRequestBodyLimit, which skips counting what node's parser already bounds.
		maxRequestBodySize: false,
		cors: cors.cors,
		graphiql: graphiql ? graphiqlOptions(options.graphiqlExample) : false,
		renderGraphiQL: renderGraphiQLPage,
		landingPage: !production,
		logging: toYogaLogger(logger),
		plugins,
		context: ({ request, ...serverContext }) => {
			const clientIp = clientAddress(request, serverContext, trustedProxies);
			const record = records.get(request);
			return {
				auth: authGuard,
				clientIp,
				record,
				requestMemo: new Map(),
				defaultRetryAfterSeconds,
				upstream: data.forRequest(request, clientIp, record),
			};
		},
	});

	// yoga is a Proxy over its handler that reads falsy members as undefined and requires configurable
	// ones: hence methods, added as configurable properties.
	const controls: GraphQLServerControls = {
		authGuard,
		logger,
		beginShutdown: () => {
			state.shuttingDown = true;
		},
		isShuttingDown: () => state.shuttingDown,
	};
	return Object.defineProperties(yoga, Object.getOwnPropertyDescriptors(controls)) as GraphQLServer;
}

/**
 * The callers' keys. Keys and the account go together: a key reaches the account, and an account
 * without keys could be reached by no one. A TypeError names what is missing or wrong (never a key).
 */
function apiKeyStore(options: GraphQLServerOptions): ApiKeyStore | undefined {
	const { account, apiKeys } = options;
	if (apiKeys !== undefined && account === undefined)
		throw new TypeError('apiKeys need an account: a key reaches the server-held Smartflo account, and there is none.');
	if (account !== undefined && (apiKeys === undefined || apiKeys.length === 0))
		throw new TypeError('account needs apiKeys: callers reach the server-held Smartflo account with an API key, and there is none.');
	if (apiKeys === undefined) return undefined;
	try {
		return new ApiKeyStore(apiKeys);
	} catch (error) {
		if (error instanceof TypeError) throw new TypeError(`apiKeys: ${error.message}`);
		throw error;
	}
}

function serverAccount(options: GraphQLServerOptions, transport: HttpTransport, logger: Logger): ServerAccount | undefined {
	if (!options.account) return undefined;
	return createServerAccount({
		credentials: options.account,
		baseUrl: options.baseUrl,
		transport,
		timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_TIMEOUT_MS,
		logger,
	});
}

/** The Redis store for the guard's limits (its outage fallback holds maxTrackedKeys), when Redis is configured. */
function redisStore(options: GraphQLServerOptions, logger: Logger): ((limits: AuthGuardLimits) => RedisStateStore) | undefined {
	const secret = options.limitsSecret;
	const problem = secret === undefined ? undefined : limitsSecretProblem(secret);
	if (problem) throw new TypeError(`limitsSecret ${problem}.`);
	if (!options.redis) return undefined;
	if (secret === undefined) {
		// A random secret per process gives every replica other keys: they would share nothing, silently.
		throw new TypeError('redis needs limitsSecret, the same on every replica: without it no limit is shared.');
	}
	const redis = options.redis;
	return (limits) => new RedisStateStore({ ...redis, maxKeys: limits.maxTrackedKeys, logger });
}

/**
 * 200 while the limits can be read; with Redis unreachable 503 when logins fail closed, and 200 when
 * this replica serves with its own limits meanwhile (a load balancer that took every replica out would
 * defeat that choice). The body says which.
 */
function readiness(health: StoreHealth, Response: typeof globalThis.Response): boolean | Response {
	if (health.kind === 'memory' || health.reachable) return true;
	const degraded = health.outage === 'memory';
	const body = {
		ready: degraded,
		redis: 'unreachable',
		limits: degraded ? 'this replica only' : 'unavailable: logins, refreshes and data requests are refused',
	};
	return new Response(JSON.stringify(body), { status: degraded ? 200 : 503, headers: { 'content-type': 'application/json' } });
}

function isLogger(value: GraphQLServerOptions['logger']): value is Logger {
	return typeof value === 'object' && value !== null && typeof (value as Logger).info === 'function';
}
