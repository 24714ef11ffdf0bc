import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import type { GraphQLServerOptions } from '../../graphql/options';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { postGraphQL } from '../helpers/graphql';

const credentials = `email: "${DEMO_ACCOUNT.email}", password: "${DEMO_ACCOUNT.password}"`;

function aliasedLogins(count: number, args = credentials): string {
	const fields = Array.from({ length: count }, (_, index) => `a${index}: login(${args}) { ok token { accessToken } error { code } }`);
	return `mutation { ${fields.join('\n')} }`;
}

describe('operation limits (graphql-armor) and aliases', () => {
	let sandbox: SandboxHandle;
	let server: GraphQLServer | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => sandbox.resetStats());
	afterEach(() => server?.dispose());

	function start(options: GraphQLServerOptions = {}): GraphQLServer {
		server = createGraphQLServer({ baseUrl: sandbox.url, upstreamRetries: 0, logger: { level: 'silent' }, ...options });
		return server;
	}

	it('10 aliased logins are refused before any resolver runs: no upstream call', async () => {
		const reply = await postGraphQL(start(), aliasedLogins(10));
		expect(reply.body.data).toBeUndefined();
		expect(reply.body.errors[0].message).toMatch(/Aliases limit of 5 exceeded/);
		expect(sandbox.stats().loginAttempts).toBe(0);
	});

	it('10 aliased identical logins under a permissive alias limit reach Smartflo once', async () => {
		const reply = await postGraphQL(start({ armor: { maxAliases: 20, maxTokens: 2000, maxCost: 5000 } }), aliasedLogins(10));
		expect(reply.body.errors).toBeUndefined();
		const tokens = Object.values(reply.body.data as Record<string, { ok: boolean; token: { accessToken: string } }>);
		expect(tokens).toHaveLength(10);
		expect(tokens.every((payload) => payload.ok)).toBe(true);
		expect(new Set(tokens.map((payload) => payload.token.accessToken)).size).toBe(1);
		expect(sandbox.stats().loginAttempts).toBe(1);
	});

	it('aliased wrong-password logins do not multiply failed attempts at Smartflo', async () => {
		sandbox.unlockAccount(DEMO_ACCOUNT.email);
		const wrong = `email: "${DEMO_ACCOUNT.email}", password: "Not-the-password1"`;
		await postGraphQL(start({ armor: { maxAliases: 20, maxTokens: 2000, maxCost: 5000 } }), aliasedLogins(10, wrong));
		expect(sandbox.stats().loginAttempts).toBe(1);
		expect(sandbox.accountState(DEMO_ACCOUNT.email).loginFailedCount).toBe(1);
		sandbox.unlockAccount(DEMO_ACCOUNT.email);
	});

	it('limits depth', async () => {
		const reply = await postGraphQL(start({ armor: { maxDepth: 2 } }), `mutation { login(${credentials}) { token { accessToken } } }`);
		expect(reply.body.errors[0].message).toMatch(/depth limit/i);
		expect(sandbox.stats().loginAttempts).toBe(0);
	});

	it('limits tokens', async () => {
		const padding = Array.from({ length: 900 }, () => '__typename').join(' ');
		const reply = await postGraphQL(start(), `{ ${padding} }`);
		expect(reply.body.errors[0].message).toMatch(/Token limit of 800 exceeded/);
	});

	it('limits cost', async () => {
		const reply = await postGraphQL(
			start({ armor: { maxCost: 5 } }),
			`mutation { login(${credentials}) { ok token { accessToken tokenType expiresIn expiresAt } error { code message } } }`,
		);
		expect(reply.body.errors[0].message).toMatch(/Query Cost limit of 5 exceeded/);
		expect(sandbox.stats().loginAttempts).toBe(0);
	});

	it('limits directives', async () => {
		const directives = Array.from({ length: 11 }, () => '@include(if: true)').join(' ');
		const reply = await postGraphQL(start(), `{ __typename ${directives} }`);
		expect(reply.body.errors[0].message).toMatch(/Directives limit of 10 exceeded/);
	});

	it('passes an ordinary login well within every limit', async () => {
		const reply = await postGraphQL(
			start(),
			`mutation Login { login(${credentials}) { ok token { accessToken tokenType expiresIn expiresAt passwordExpiresInDays } error { code message retryAfterSeconds } } }`,
		);
		expect(reply.body.data.login.ok).toBe(true);
	});
});
