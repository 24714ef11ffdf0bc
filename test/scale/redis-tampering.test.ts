import { Redis } from 'ioredis';

import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { LOGIN_MUTATION, postGraphQL, type GraphQLReply } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';
import { startRedisServer, type RedisServer } from './redis-server';

/**
 * Whoever can write to Redis must not be able to put words in the server's answers: values are
 * written into a real redis-server behind the servers' backs, as an attacker with access to it
 * would, and every one that the server did not seal reads as absent. Counted by the sandbox.
 */

jest.setTimeout(60_000);

const VICTIM = { email: 'victim@example.in', password: 'Right#Pass-4821' };
const SECRET = 'tampering-tests-share-this-limits-secret-5e1f';
const PHISHING = 'Your account is suspended: verify it at https://smartflo-verify.example/now';
/** The core's own words for a wrong password. */
const WRONG_PASSWORD =
	/^Wrong email or password\. Smartflo counts failed attempts \(\d+ so far\); check the credential before trying again\.$/;

let redis: RedisServer;
let sandbox: SandboxHandle;
let attacker: Redis;
const servers: GraphQLServer[] = [];
let prefix = '';
let prefixes = 0;

beforeAll(async () => {
	redis = await startRedisServer();
	sandbox = await startSandbox({ accounts: [VICTIM, DEMO_ACCOUNT] });
	attacker = new Redis(redis.url);
});
afterAll(async () => {
	attacker?.disconnect();
	await sandbox?.close();
	await redis?.stop();
});
beforeEach(() => {
	prefix = `tampering-${++prefixes}`;
	sandbox.unlockAccount(VICTIM.email);
	sandbox.configure({ latencyMs: 0 });
	sandbox.resetStats();
});
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.dispose()));
});

/** A replica as a library user runs it: the limits and caches in the shared Redis. */
async function replica(): Promise<GraphQLServer> {
	const server = createGraphQLServer({
		baseUrl: sandbox.url,
		upstreamRetries: 0,
		redis: { url: redis.url, keyPrefix: prefix },
		limitsSecret: SECRET,
		limits: { lockoutBudgetPerEmail: { limit: 50, windowSeconds: 60 } },
		logger: { level: 'silent' },
	});
	servers.push(server);
	await waitFor(
		async () => JSON.stringify(await server.authGuard.health()) === '{"kind":"redis","reachable":true}',
		10_000,
		'the server to reach Redis',
		20,
	);
	return server;
}

const login = (server: GraphQLServer, email: string, password: string) => postGraphQL(server, LOGIN_MUTATION, { email, password });

/** The keys of this test's prefix that match `pattern` (after the prefix). */
async function keys(pattern: string): Promise<string[]> {
	return (await attacker.keys(`${prefix}:${pattern}`)).sort();
}

function errorOf(reply: GraphQLReply): { code: string; message: string } {
	return reply.body.data.login.error;
}

describe('values written into Redis by someone else', () => {
	it('a cached rejection replaced, forged, altered or moved reads as absent: Smartflo is asked again and the core writes the answer', async () => {
		const server = await replica();
		const first = await login(server, VICTIM.email, 'Wr0ng-canary-1');
		expect(errorOf(first)).toEqual({
			code: 'INVALID_CREDENTIALS',
			message: expect.stringMatching(WRONG_PASSWORD),
			retryAfterSeconds: null,
		});
		const [rejection] = await keys('rejections:*');
		await login(server, VICTIM.email, 'Wr0ng-canary-2');
		const [other] = (await keys('rejections:*')).filter((key) => key !== rejection);
		const sealed = (await attacker.get(rejection)) as string;
		expect(sealed).not.toMatch(/Wrong email|INVALID_CREDENTIALS/);
		expect(sandbox.stats().loginAttempts).toBe(2);

		const [format, iv, encrypted, tag] = sealed.split('.');
		const forgeries = {
			'the answer in clear, as it used to be stored': JSON.stringify({
				code: 'INVALID_CREDENTIALS',
				message: PHISHING,
				reason: 'WRONG_CREDENTIALS',
			}),
			'an answer in clear in the sealed shape': JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: PHISHING } }),
			'a made-up sealed value': `v1.${Buffer.from('twelve bytes').toString('base64url')}.${Buffer.from(PHISHING).toString('base64url')}.${Buffer.alloc(16).toString('base64url')}`,
			'the sealed value with one bit changed': `${format}.${iv}.${encrypted.slice(0, -2)}${encrypted.endsWith('AA') ? 'AB' : 'AA'}.${tag}`,
			"another call's sealed rejection": (await attacker.get(other)) as string,
		};
		for (const [what, value] of Object.entries(forgeries)) {
			const attempts = sandbox.stats().loginAttempts;
			await attacker.set(rejection, value, 'PX', 60_000);
			const reply = await login(server, VICTIM.email, 'Wr0ng-canary-1');
			expect({ what, error: errorOf(reply), asked: sandbox.stats().loginAttempts - attempts }).toEqual({
				what,
				error: { code: 'INVALID_CREDENTIALS', message: expect.stringMatching(WRONG_PASSWORD), retryAfterSeconds: null },
				asked: 1,
			});
		}
		// What the server wrote back after asking is its own sealed value again: answered from Redis, not asking.
		const attempts = sandbox.stats().loginAttempts;
		expect(errorOf(await login(server, VICTIM.email, 'Wr0ng-canary-1')).message).toMatch(WRONG_PASSWORD);
		expect(sandbox.stats().loginAttempts).toBe(attempts);
	});

	it("a forged outcome of a shared login reads as absent: the replica waiting on the leader answers with the leader's own token", async () => {
		const [a, b] = await Promise.all([replica(), replica()]);
		sandbox.configure({ latencyMs: 1500 });
		const leading = login(a, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
		let lease = '';
		await waitFor(
			async () => ((lease = (await keys('flights:*:lease'))[0] ?? ''), lease !== ''),
			10_000,
			'the leader to take its lease',
			10,
		);
		const flight = (await attacker.get(lease)) as string;
		const outcome = `${lease.slice(0, -':lease'.length)}:${flight}`;
		// The outcome a follower reads first, before the leader has one: a refusal in the words of whoever wrote it.
		const forged = JSON.stringify({ ok: false, error: JSON.stringify({ code: 'INVALID_CREDENTIALS', message: PHISHING }) });
		await attacker.set(outcome, forged, 'PX', 60_000);

		const following = login(b, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
		const [led, followed] = await Promise.all([leading, following]);
		expect(led.body.data.login.ok).toBe(true);
		expect(followed.body.data.login).toEqual(led.body.data.login);
		expect(followed.text).not.toContain('smartflo-verify');
		expect(sandbox.stats().loginAttempts).toBe(1);
	});
});
