import { ClientError, GraphQLClient, gql } from 'graphql-request';

import { listen, type RunningServer } from '../../graphql/http-server';
import { createGraphQLServer } from '../../graphql/server';
import { DEMO_ACCOUNT, startSandbox, type SandboxHandle } from '../../sandbox/index';

interface AuthPayload {
	ok: boolean;
	token: { accessToken: string; expiresIn: number; expiresAt: string } | null;
	error: { code: string; message: string; retryAfterSeconds: number | null } | null;
}

const LOGIN = gql`
	mutation Login($email: String!, $password: String!) {
		login(email: $email, password: $password) {
			ok
			token {
				accessToken
				expiresIn
				expiresAt
			}
			error {
				code
				message
				retryAfterSeconds
			}
		}
	}
`;

const REFRESH = gql`
	mutation Refresh($token: String!) {
		refresh(token: $token) {
			ok
			token {
				accessToken
				expiresIn
				expiresAt
			}
			error {
				code
				message
				retryAfterSeconds
			}
		}
	}
`;

describe('graphql-request against a server listening on loopback', () => {
	let sandbox: SandboxHandle;
	let running: RunningServer;
	let client: GraphQLClient;

	beforeAll(async () => {
		sandbox = await startSandbox();
		const server = createGraphQLServer({
			baseUrl: sandbox.url,
			production: true,
			upstreamRetries: 0,
			limits: { loginsPerEmail: { limit: 3, windowSeconds: 60 } },
			logger: { level: 'silent' },
		});
		running = await listen(server, { port: 0, host: '127.0.0.1' });
		client = new GraphQLClient(`${running.url}/graphql`);
	});
	afterAll(async () => {
		await running.shutdown();
		await sandbox.close();
	});

	it('logs in, refreshes and reads the token', async () => {
		const { login } = await client.request<{ login: AuthPayload }>(LOGIN, DEMO_ACCOUNT);
		expect(login.ok).toBe(true);
		expect(login.token!.expiresIn).toBe(3600);

		const { refresh } = await client.request<{ refresh: AuthPayload }>(REFRESH, { token: login.token!.accessToken });
		expect(refresh.ok).toBe(true);

		const { tokenInfo } = await client.request<{ tokenInfo: { valid: boolean; expiresAt: string } }>(
			gql`
				query Info($token: String!) {
					tokenInfo(token: $token) {
						valid
						expiresAt
					}
				}
			`,
			{ token: refresh.token!.accessToken },
		);
		expect(tokenInfo).toEqual({ valid: true, expiresAt: refresh.token!.expiresAt });
	});

	it('gets a wrong password as data', async () => {
		const { login } = await client.request<{ login: AuthPayload }>(LOGIN, { email: DEMO_ACCOUNT.email, password: 'Wrong#Pass1' });
		expect(login).toMatchObject({ ok: false, token: null, error: { code: 'INVALID_CREDENTIALS' } });
	});

	it('sees a rate limit as HTTP 429 with Retry-After, and still gets the RATE_LIMITED payload', async () => {
		let error: unknown;
		for (let attempt = 0; attempt < 5 && !error; attempt++) {
			await client.request(LOGIN, { email: 'limited@example.in', password: 'x' }).catch((caught: unknown) => (error = caught));
		}
		expect(error).toBeInstanceOf(ClientError);
		const { response } = error as ClientError;
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
		expect((response.data as { login: AuthPayload }).login.error).toMatchObject({ code: 'RATE_LIMITED' });
	});

	it('gets validation errors as GraphQL errors', async () => {
		await expect(
			client.request(gql`
				mutation {
					login(email: "a@b.in") {
						ok
					}
				}
			`),
		).rejects.toThrow(/password/);
	});
});
