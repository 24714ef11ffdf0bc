import { listen, type RunningServer } from '../../graphql/http-server';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { LOGIN_MUTATION, postOverHttp, REFRESH_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';
import { auditReply, authErrorCodes, GRAPHQL_STATUSES } from '../helpers/reply-audit';
import { FAULT_BURSTS, runMixedWorkload, withFaultBursts, type WorkloadResult } from './mixed-workload';

/** Upstream faults every answer must survive as a typed error. */
const FAULT_CODES = ['UPSTREAM_ERROR', 'NETWORK_ERROR', 'TIMEOUT', 'BAD_RESPONSE', 'RATE_LIMITED'];
/** An account the load never touches, for the check afterwards. */
const AFTERWARDS = { email: 'afterwards@example.in', password: 'After#Load-2026' };

// Thousands of requests: give a slow CI machine room (a timeout here is not an assertion on speed).
jest.setTimeout(60_000);

describe('the GraphQL server under mixed load while Smartflo misbehaves', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer;
	let running: RunningServer;
	let load: WorkloadResult;

	beforeAll(async () => {
		sandbox = await startSandbox({ latencyMs: 2, accounts: [DEMO_ACCOUNT, AFTERWARDS] });
		server = createGraphQLServer({
			baseUrl: sandbox.url,
			upstreamRetries: 1,
			upstreamTimeoutMs: 200,
			trustedProxies: 1,
			// Loose per-email limits, so that most logins meet the faulty upstream rather than a limiter.
			limits: {
				operationsPerIp: { limit: 30, windowSeconds: 60 },
				loginsPerEmail: { limit: 1000, windowSeconds: 60 },
				lockoutBudgetPerEmail: { limit: 1000, windowSeconds: 60 },
			},
			logger: { level: 'silent' },
		});
		running = await listen(server, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 2000 });
		load = await withFaultBursts(
			sandbox,
			runMixedWorkload({
				url: running.url,
				sandbox,
				clients: 48,
				requestsPerClient: 40,
				seed: 6,
				forwardedFor: (client) => `198.51.100.${client + 1}`,
			}),
		);
	});
	afterAll(async () => {
		await running.shutdown();
		await sandbox.close();
	});

	it('answers every request over HTTP: no connection is dropped or reset', () => {
		expect(load.unanswered).toEqual([]);
		expect(load.replies).toHaveLength(48 * 40);
	});

	it('every answer is well-formed GraphQL JSON with typed errors, an expected status and no leak', () => {
		const problems = load.replies.flatMap((reply) =>
			auditReply(reply, { statuses: GRAPHQL_STATUSES, secrets: reply.secrets }).map((problem) => `${reply.kind}: ${problem}`),
		);
		expect(problems).toEqual([]);
	});

	it('really met the faults: each one surfaced as its typed error code', () => {
		const codes = new Set(load.replies.flatMap((reply) => authErrorCodes(reply.text)));
		for (const code of [...FAULT_CODES, 'INVALID_CREDENTIALS']) expect([...codes]).toContain(code);
		const oneCycle = FAULT_BURSTS.reduce((uses, fault) => uses + (fault.times ?? 1), 0);
		expect(sandbox.stats().faultsApplied).toBeGreaterThanOrEqual(2 * oneCycle);
		const tokens = load.replies.filter((reply) => reply.text.includes('"ok":true'));
		expect(tokens.length).toBeGreaterThan(50);
	});

	it('stays up and answers correctly once the faults are cleared', async () => {
		expect(sandbox.listFaults()).toEqual([]);
		expect((await fetch(`${running.url}/health`)).status).toBe(200);
		expect((await fetch(`${running.url}/ready`)).status).toBe(200);
		const fresh = { 'x-forwarded-for': '203.0.113.50' };
		const login = await postOverHttp(running.url, LOGIN_MUTATION, AFTERWARDS, fresh);
		expect(login.body.data.login).toMatchObject({ ok: true, error: null });
		const token = login.body.data.login.token.accessToken;
		const info = await postOverHttp(running.url, TOKEN_INFO_QUERY, { token }, fresh);
		expect(info.body.data.tokenInfo).toMatchObject({ valid: true, expired: false });
		const refresh = await postOverHttp(running.url, REFRESH_MUTATION, { token }, fresh);
		expect(refresh.body.data.refresh.ok).toBe(true);
		expect(refresh.body.data.refresh.token.accessToken).not.toBe(token);
	});
});
