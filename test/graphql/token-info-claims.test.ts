import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { unsignedJwt } from '../helpers/jwt';
import { TOKEN_INFO_QUERY, captureLogs, postGraphQL } from '../helpers/graphql';

/** tokenInfo reads claims through the core's inspectToken: an impossible time is unknown, never a server error. */
let server: GraphQLServer;
const logs = captureLogs();

beforeAll(() => {
	server = createGraphQLServer({ logger: { write: logs.write } });
});
afterAll(() => server.dispose());

it.each([
	['exp -1e20', { exp: -1e20 }],
	['exp 1e14', { exp: 1e14 }],
	['exp 8.64e12 (year 275760)', { exp: 8.64e12 }],
	['iat 1e14', { iat: 1e14, exp: Math.floor(Date.now() / 1000) + 600 }],
])('%s: invalid, the time unknown, HTTP 200 and nothing logged as an error', async (_what, claims) => {
	logs.lines.length = 0;
	const reply = await postGraphQL(server, TOKEN_INFO_QUERY, { token: unsignedJwt({ sub: '1', ...claims }) });
	expect(reply.status).toBe(200);
	expect(reply.body.errors).toBeUndefined();
	const info = reply.body.data.tokenInfo;
	expect(info.valid).toBe(false);
	if ('iat' in claims) expect(info.issuedAt).toBeNull();
	else expect(info).toMatchObject({ expiresAt: null, secondsRemaining: null });
	for (const time of [info.issuedAt, info.expiresAt]) if (time !== null) expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	expect(logs.entries().filter((entry) => entry.level === 'error')).toEqual([]);
});
