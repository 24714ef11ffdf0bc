import { createGraphQLServer } from '../../graphql/server';
import type { HttpResponse, HttpTransport } from '../../src/http';
import { captureLogs, LOGIN_MUTATION, postGraphQL, REFRESH_MUTATION } from '../helpers/graphql';

const SECRET_PASSWORD = 'hunter2-Pa$$word-7731';
const SECRET_IN_ERROR = 'db-password=s3cr3t-upstream-9f2c';
const UPSTREAM_BODY = '<html><body>Internal stack at /srv/smartflo/auth.php line 42</body></html>';

/** A transport that breaks its contract: its response throws when read, with secrets in the message. */
const poisonedTransport: HttpTransport = {
	async request() {
		const response = { status: 200, headers: {} } as HttpResponse;
		Object.defineProperty(response, 'body', {
			get() {
				throw new Error(`boom ${SECRET_IN_ERROR} ${UPSTREAM_BODY} https://admin:${SECRET_PASSWORD}@api.internal`);
			},
		});
		return response;
	},
};

/** A transport that rejects with a secret-laden plain Error (not a TransportError). */
const throwingTransport: HttpTransport = {
	async request() {
		throw new Error(`ECONNREFUSED 10.0.0.7:443 ${SECRET_IN_ERROR}`);
	},
};

describe.each([
	['development', false],
	['production', true],
])('masked errors in %s mode', (_mode, production) => {
	const previousNodeEnv = process.env.NODE_ENV;
	// yoga's own default would add the original error and its stack when NODE_ENV=development.
	beforeAll(() => {
		process.env.NODE_ENV = 'development';
	});
	afterAll(() => {
		process.env.NODE_ENV = previousNodeEnv;
	});

	it('an unexpected error is answered "Unexpected error." with no stack, body or secret', async () => {
		const logs = captureLogs();
		const server = createGraphQLServer({
			transport: poisonedTransport,
			production,
			upstreamRetries: 0,
			logger: { level: 'debug', write: logs.write },
		});
		const reply = await postGraphQL(server, LOGIN_MUTATION, { email: 'ops@example.in', password: SECRET_PASSWORD });
		await server.dispose();

		expect(reply.body.errors).toHaveLength(1);
		expect(reply.body.errors[0].message).toBe('Unexpected error.');
		expect(reply.body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
		expect(reply.body.data).toBeNull();
		for (const leak of [SECRET_PASSWORD, SECRET_IN_ERROR, 'auth.php', 'boom', 'stack', 'originalError', 'api.internal', 'at ']) {
			expect(reply.text).not.toContain(leak);
		}
		const logText = logs.lines.join('\n');
		expect(logText).not.toContain(SECRET_PASSWORD);
		expect(logText).not.toContain(SECRET_IN_ERROR);
		expect(logs.entries()).toContainEqual(
			expect.objectContaining({ level: 'error', msg: 'unexpected error', errorName: 'Error', path: 'login' }),
		);
		expect(logs.entries()).toContainEqual(expect.objectContaining({ msg: 'graphql operation', outcome: 'INTERNAL_SERVER_ERROR' }));
	});

	it('a transport failure is an expected NETWORK_ERROR whose message does not repeat the transport', async () => {
		const server = createGraphQLServer({ transport: throwingTransport, production, upstreamRetries: 0, logger: { level: 'silent' } });
		const reply = await postGraphQL(server, REFRESH_MUTATION, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' });
		await server.dispose();
		expect(reply.body.data.refresh.error.code).toBe('NETWORK_ERROR');
		expect(reply.text).not.toContain(SECRET_IN_ERROR);
		expect(reply.text).not.toContain('10.0.0.7');
	});
});
