import type { GraphQLServerOptions } from '../../graphql/options';
import { generateApiKey } from '../../graphql/runtime/api-keys';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { postGraphQL } from '../helpers/graphql';
import { PROBE_USERS } from '../helpers/probe-domain';
import { waitFor } from '../helpers/wait';
import { startRedisServer, type RedisServer } from './redis-server';

// Test-only data fields stand in for the data schema (see test/graphql/data-access.test.ts).
jest.mock('../../graphql/schema', () => {
	const actual = jest.requireActual<typeof import('../../graphql/schema')>('../../graphql/schema');
	const { probeDomain } = jest.requireActual<typeof import('../helpers/probe-domain')>('../helpers/probe-domain');
	return { ...actual, buildSchema: () => actual.buildSchema([...actual.DATA_DOMAINS, probeDomain]) };
});

jest.setTimeout(60_000);

const SECRET = 'replicas-share-this-limits-secret-0123456789';
const KEY = generateApiKey();

/**
 * The data limits in a real redis-server, shared by two servers (replicas in one process: the store is
 * what is shared), and what a Redis outage does to data requests.
 */
describe('data limits in Redis', () => {
	let redis: RedisServer;
	let sandbox: SandboxHandle;
	const servers: GraphQLServer[] = [];
	let prefix = 0;

	beforeAll(async () => {
		redis = await startRedisServer();
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox?.close();
		await redis?.stop();
	});
	beforeEach(() => {
		prefix++;
		sandbox.resetStats();
	});
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => server.dispose()));
	});

	async function replica(options: Partial<GraphQLServerOptions> = {}): Promise<GraphQLServer> {
		const server = createGraphQLServer({
			baseUrl: sandbox.url,
			account: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
			apiKeys: [{ name: 'dashboards', permission: 'read', key: KEY }],
			limitsSecret: SECRET,
			redis: { url: redis.url, keyPrefix: `data-${prefix}`, commandTimeoutMs: 300, ...options.redis },
			logger: { level: 'silent' },
			...options,
		});
		servers.push(server);
		await waitFor(async () => (await server.authGuard.health()).kind === 'redis', 10_000, 'Redis');
		return server;
	}
	const users = (server: GraphQLServer) => postGraphQL(server, PROBE_USERS, { limit: 1 }, { 'x-api-key': KEY });

	it('the replicas share one limit per API key: the fourth request of three allowed is 429 on either', async () => {
		const options = { dataLimits: { perApiKey: { limit: 3, windowSeconds: 60 } } };
		const [a, b] = [await replica(options), await replica(options)];
		const replies = [await users(a), await users(b), await users(a)];
		expect(replies.map((reply) => reply.body.data.probeUsers.ok)).toEqual([true, true, true]);
		const apiRequests = sandbox.stats().apiRequests;
		const limited = await users(b);
		expect(limited.status).toBe(429);
		expect(limited.body.data.probeUsers.error).toMatchObject({
			code: 'RATE_LIMITED',
			retryAfterSeconds: Number(limited.headers.get('retry-after')),
		});
		expect(sandbox.stats().apiRequests).toBe(apiRequests);
	});

	it('fail-closed while Redis is unreachable: RATE_LIMITED, Retry-After 5, nothing sent; served again once it is back', async () => {
		const server = await replica();
		expect((await users(server)).body.data.probeUsers.ok).toBe(true);
		await redis.kill();
		try {
			sandbox.resetStats();
			const paused = await users(server);
			expect(paused.status).toBe(429);
			expect(paused.headers.get('retry-after')).toBe('5');
			expect(paused.body.data.probeUsers.error).toEqual({
				code: 'RATE_LIMITED',
				message: 'Requests for Smartflo data are paused: the server cannot reach its shared limit store. Try again in 5 s.',
				retryAfterSeconds: 5,
				field: null,
			});
			expect(sandbox.stats().requests).toBe(0);
		} finally {
			await redis.restart();
		}
		await waitFor(async () => (await users(server)).body.data.probeUsers.ok === true, 15_000, 'data requests to be served again');
	});

	it('with REDIS_OUTAGE=memory, serves with this process’s own limits while Redis is unreachable', async () => {
		const server = await replica({
			redis: { url: redis.url, keyPrefix: `data-${prefix}`, commandTimeoutMs: 300, outage: 'memory' },
			dataLimits: { perApiKey: { limit: 2, windowSeconds: 60 } },
		});
		await redis.kill();
		try {
			const replies = [await users(server), await users(server), await users(server)];
			expect(replies.map((reply) => reply.status)).toEqual([200, 200, 429]);
			expect(replies[2].body.data.probeUsers.error.code).toBe('RATE_LIMITED');
		} finally {
			await redis.restart();
		}
	});
});
