import type { AuthGuardLimits } from '../../graphql/limits/auth-guard';
import type { RedisStateOptions } from '../../graphql/limits/redis-store';
import { listen } from '../../graphql/http-server';
import { createGraphQLServer } from '../../graphql/server';
import { childOptions, serveParent } from './protocol';

export interface GraphQLProcessOptions {
	upstreamUrl: string;
	limits: Partial<AuthGuardLimits>;
	/** The limits and caches in Redis instead of the process. */
	redis?: RedisStateOptions;
	limitsSecret?: string;
}

/** The GraphQL server as deployed (production mode, info-level logs, node:http), against the sandbox. */
async function main(): Promise<void> {
	const { upstreamUrl, limits, redis, limitsSecret } = childOptions<GraphQLProcessOptions>();
	const graphql = createGraphQLServer({ baseUrl: upstreamUrl, production: true, limits, redis, limitsSecret, logger: { level: 'info' } });
	await graphql.authGuard.health();
	const running = await listen(graphql, { port: 0, host: '127.0.0.1' });
	serveParent(`${running.url}/graphql`, {
		state: () => ({ ...graphql.authGuard.stateSizes() }),
		stop: () => running.shutdown(),
	});
}

void main();
