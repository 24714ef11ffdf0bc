import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { REFRESH_MUTATION, postGraphQL } from '../helpers/graphql';

/** A token that cannot travel in a header is refused by the core before anything reaches Smartflo. */
let sandbox: SandboxHandle;
let server: GraphQLServer;

beforeAll(async () => {
	sandbox = await startSandbox();
	server = createGraphQLServer({ baseUrl: sandbox.url, logger: { level: 'silent' } });
});
afterAll(async () => {
	await server.dispose();
	await sandbox.close();
});

it.each([
	['the "…" of the README’s shortened example', (token: string) => `${token.slice(0, 24)}…${token.slice(-8)}`],
	['a NUL', (token: string) => `${token}\u0000`],
	['a CR/LF', (token: string) => `${token.slice(0, 20)}\r\n${token.slice(20)}`],
	['a U+2028', (token: string) => `${token.slice(0, 20)}\u2028${token.slice(20)}`],
])('refresh with %s: INVALID_INPUT as data, no request to Smartflo, no retry', async (_what, spoil) => {
	sandbox.resetStats();
	const reply = await postGraphQL(server, REFRESH_MUTATION, { token: spoil(sandbox.issueToken()) });
	expect(reply.status).toBe(200);
	expect(reply.body.data.refresh).toMatchObject({ ok: false, token: null, error: { code: 'INVALID_INPUT' } });
	expect(sandbox.stats().requests).toBe(0);
});
