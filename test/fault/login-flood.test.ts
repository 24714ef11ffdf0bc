import { listen, type RunningServer } from '../../graphql/http-server';
import type { GraphQLServerOptions } from '../../graphql/options';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { flood, type FloodReply } from '../helpers/flood';
import { LOGIN_MUTATION } from '../helpers/graphql';
import { auditReply, authErrorCodes, GRAPHQL_STATUSES } from '../helpers/reply-audit';

const VICTIM = { email: 'victim@example.in', password: 'Right#Pass-4821' };
/** Smartflo locks the account after this many consecutive failures. */
const LOCK_AFTER = 6;
const FLOOD = 10_000;
/** Enough to show a bound of a few attempts holds, at a fraction of the time. */
const SPREAD = 1_000;
const WRONG_PASSWORD = 'Wr0ng-canary-{i}';

interface FloodSummary {
	/** Replies per status. */
	statuses: Record<number, number>;
	/** Login payloads per error code ('ok' for a token). */
	outcomes: Record<string, number>;
	problems: string[];
}

/** Counts statuses and outcomes, and audits every reply; a 429's Retry-After must equal the payload's retryAfterSeconds. */
function summarise(replies: FloodReply[], secrets: (index: number) => string[]): FloodSummary {
	const summary: FloodSummary = { statuses: {}, outcomes: {}, problems: [] };
	replies.forEach((reply, index) => {
		summary.statuses[reply.status] = (summary.statuses[reply.status] ?? 0) + 1;
		const codes = authErrorCodes(reply.text);
		for (const outcome of codes.length > 0 ? codes : [reply.text.includes('"ok":true') ? 'ok' : 'none']) {
			summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
		}
		summary.problems.push(...auditReply(reply, { statuses: GRAPHQL_STATUSES, secrets: secrets(index) }));
		if (reply.status === 429) {
			const advertised = retryAfterSecondsIn(reply.text);
			if (String(advertised) !== reply.retryAfter)
				summary.problems.push(`Retry-After ${reply.retryAfter} but retryAfterSeconds ${advertised}`);
		}
	});
	return summary;
}

function retryAfterSecondsIn(text: string): unknown {
	try {
		return JSON.parse(text).data?.login?.error?.retryAfterSeconds;
	} catch {
		return undefined;
	}
}

const wrongPasswordOf = (index: number) => [WRONG_PASSWORD.replace('{i}', String(index))];

// Thousands of requests: give a slow CI machine room (a timeout here is not an assertion on speed).
jest.setTimeout(60_000);

describe('login floods', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer;
	let running: RunningServer;

	beforeAll(async () => {
		sandbox = await startSandbox({ accounts: [VICTIM], lockAfterFailedLogins: LOCK_AFTER });
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.unlockAccount(VICTIM.email);
		sandbox.resetStats();
	});
	afterEach(() => running.shutdown());

	async function serve(options: GraphQLServerOptions = {}): Promise<string> {
		server = createGraphQLServer({ baseUrl: sandbox.url, upstreamRetries: 0, logger: { level: 'silent' }, ...options });
		running = await listen(server, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1000 });
		return running.url;
	}

	/** The lockout budget alone bounds what reaches Smartflo when every attempt has its own password. */
	function lockoutBudget(): number {
		const { lockoutBudgetPerEmail } = server.authGuard.limits;
		// The test runs far within one refill interval of the budget, so no attempt is refilled.
		expect(lockoutBudgetPerEmail.windowSeconds / lockoutBudgetPerEmail.limit).toBeGreaterThan(60);
		expect(lockoutBudgetPerEmail.limit).toBeLessThan(LOCK_AFTER);
		return lockoutBudgetPerEmail.limit;
	}

	function expectOnlyTheBudgetReachedSmartflo(replies: FloodReply[], bound: number) {
		const summary = summarise(replies, wrongPasswordOf);
		expect(summary.problems).toEqual([]);
		expect(sandbox.stats().loginAttempts).toBe(bound);
		expect(sandbox.accountState(VICTIM.email)).toEqual({ loginFailedCount: bound, locked: false });
		expect(summary.outcomes).toEqual({ INVALID_CREDENTIALS: bound, RATE_LIMITED: replies.length - bound });
		expect(summary.statuses).toEqual({ 200: bound, 429: replies.length - bound });
	}

	describe('wrong passwords for one email', () => {
		it(`${FLOOD.toLocaleString('en')} from one client: Smartflo sees exactly the lockout budget, the rest is 429 with a numeric Retry-After`, async () => {
			const url = await serve();
			const bound = lockoutBudget();
			const replies = await flood({
				url,
				total: FLOOD,
				query: LOGIN_MUTATION,
				variables: { email: VICTIM.email, password: WRONG_PASSWORD },
			});
			expectOnlyTheBudgetReachedSmartflo(replies, bound);
		});

		it.each([
			['X-Forwarded-For not trusted', {}],
			['behind a trusted proxy', { trustedProxies: 1 }],
		])(`${SPREAD.toLocaleString('en')} from as many client addresses, %s: still exactly the lockout budget`, async (_how, options) => {
			const url = await serve(options);
			const bound = lockoutBudget();
			const replies = await flood({
				url,
				total: SPREAD,
				query: LOGIN_MUTATION,
				variables: { email: VICTIM.email, password: WRONG_PASSWORD },
				headers: { 'x-forwarded-for': '{ip}' },
			});
			expectOnlyTheBudgetReachedSmartflo(replies, bound);
		});

		it(`${SPREAD.toLocaleString('en')} times the same wrong password: Smartflo is asked once`, async () => {
			const url = await serve();
			const replies = await flood({
				url,
				total: SPREAD,
				query: LOGIN_MUTATION,
				variables: { email: VICTIM.email, password: 'Wr0ng-canary-same' },
			});
			const summary = summarise(replies, () => ['Wr0ng-canary-same']);
			expect(summary.problems).toEqual([]);
			expect(sandbox.stats().loginAttempts).toBe(1);
			expect(sandbox.accountState(VICTIM.email).loginFailedCount).toBe(1);
			// Answered from the rejection cache until the per-email limit, then 429.
			expect(summary.outcomes.INVALID_CREDENTIALS).toBeGreaterThanOrEqual(server.authGuard.limits.loginsPerEmail.limit);
			expect(summary.statuses[429]).toBe(SPREAD - summary.outcomes.INVALID_CREDENTIALS);
		});
	});

	describe('the per-client-IP limit, many emails', () => {
		const perIp = { limit: 50, windowSeconds: 3600 };
		const MANY = 1_000;
		const manyEmails = { email: 'user{i}@example.in', password: WRONG_PASSWORD };

		it('without trusted proxies, a spoofed X-Forwarded-For per request does not escape it', async () => {
			const url = await serve({ limits: { operationsPerIp: perIp } });
			const replies = await flood({
				url,
				total: MANY,
				query: LOGIN_MUTATION,
				variables: manyEmails,
				headers: { 'x-forwarded-for': '{ip}' },
			});
			const summary = summarise(replies, wrongPasswordOf);
			expect(summary.problems).toEqual([]);
			expect(sandbox.stats().loginAttempts).toBe(perIp.limit);
			expect(summary.statuses).toEqual({ 200: perIp.limit, 429: MANY - perIp.limit });
		});

		it('behind a trusted proxy, each forwarded client address has its own budget', async () => {
			const url = await serve({ trustedProxies: 1, limits: { operationsPerIp: perIp } });
			const replies = await flood({
				url,
				total: MANY,
				query: LOGIN_MUTATION,
				variables: manyEmails,
				headers: { 'x-forwarded-for': '{ip}' },
			});
			expect(summarise(replies, wrongPasswordOf).problems).toEqual([]);
			expect(sandbox.stats().loginAttempts).toBe(MANY);
		});

		it('behind a trusted proxy, addresses the client prepends to X-Forwarded-For are ignored', async () => {
			const url = await serve({ trustedProxies: 1, limits: { operationsPerIp: perIp } });
			// The proxy appends the address it saw (198.51.100.7); everything before it is the client's word.
			const replies = await flood({
				url,
				total: MANY,
				query: LOGIN_MUTATION,
				variables: manyEmails,
				headers: { 'x-forwarded-for': '{ip}, 198.51.100.7' },
			});
			const summary = summarise(replies, wrongPasswordOf);
			expect(summary.problems).toEqual([]);
			expect(sandbox.stats().loginAttempts).toBe(perIp.limit);
			expect(summary.statuses).toEqual({ 200: perIp.limit, 429: MANY - perIp.limit });
		});
	});
});
