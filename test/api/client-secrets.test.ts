import type { ApiAuth } from '../../src/api/client';
import { SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';
import { SmartfloError, TokenSession } from '../../src/auth';
import { SmartfloApiClient, SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { errorRenderings } from '../helpers/error-renderings';
import { startFakeServer, type FakeReply, type FakeServer, type RecordedRequest } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { transports } from '../helpers/transports';

const PASSWORD = 'Pa55-canary-7f3e9d';
const TOKEN = jwtExpiringIn(3600, { canary: 'token-canary-41c2' });
const API_KEY = '3f1c2b4a-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
const SIGNED_LINK = 'https://recordings.example.in/file/recording?callId=1715235734.1&type=rec&token=link-canary-9b8a7c6d5e4f3a2b1c0d';
const OTHER_TOKEN = jwtExpiringIn(600, { canary: 'other-canary-5d6e' });
const SECRETS = [PASSWORD, TOKEN, TOKEN.split('.')[1], OTHER_TOKEN.split('.')[1], API_KEY, 'link-canary-9b8a7c6d5e4f3a2b1c0d'];

const { user, call, myNumber } = SMARTFLO_ENDPOINTS;

/** What the call sent (its token, a password, an API key), a token of another call and a signed recording link. */
function echo(request: RecordedRequest): string {
	return `${request.headers.authorization ?? ''} ${request.body} ${OTHER_TOKEN} ${SIGNED_LINK}`;
}

const echoing: Array<[string, (request: RecordedRequest) => FakeReply]> = [
	['a 200 refusal', (r) => ({ status: 200, body: { success: false, message: echo(r), data: { link: SIGNED_LINK, nested: [[echo(r)]] } } })],
	[
		'a 422 with field messages',
		(r) => ({ status: 422, body: { message: { password: [echo(r)] }, errors: { password: [echo(r)], [TOKEN]: [echo(r)] } } }),
	],
	['a 404', (r) => ({ status: 404, body: { success: false, message: echo(r) } })],
	['a 409', (r) => ({ status: 409, body: { message: echo(r) } })],
	['a refused token', (r) => ({ status: 401, body: { success: false, message: `Token has expired: ${echo(r)}` } })],
	['a 500', (r) => ({ status: 500, body: { message: echo(r) } })],
	['an HTML page', (r) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>${echo(r)}</body></html>` })],
	['a body cut off', (r) => ({ status: 200, body: `{"message": "${echo(r)}` })],
	[
		'a 429',
		(r) => ({ status: 429, headers: { 'retry-after': '5', 'x-echo': echo(r).replace(/[^\x21-\x7e]/g, '') }, body: { message: echo(r) } }),
	],
];

/** The error as text in every way, and what it carries of Smartflo's answer. */
function renderings(error: SmartfloError): string[] {
	return [
		...errorRenderings(error),
		JSON.stringify(error.upstreamBody ?? {}),
		JSON.stringify(error.fieldErrors ?? {}),
		error.upstreamMessage ?? '',
	];
}

describe.each(transports)('no secret in any error of the API client (%s)', (_name, createTransport) => {
	let server: FakeServer;
	const transport = createTransport();
	beforeAll(async () => {
		server = await startFakeServer();
	});
	afterAll(async () => {
		await transport.close?.();
		await server.close();
	});

	/** A session that logs in to the fake server: its login answers with TOKEN, everything else with `reply`. */
	const sessionAuth = (): ApiAuth => ({
		session: new TokenSession({
			client: new SmartfloAuthClient({ baseUrl: server.url, transport, retries: 0 }),
			email: 'ops@example.in',
			password: PASSWORD,
		}),
	});
	const sources: Array<[string, () => ApiAuth]> = [
		['a session', sessionAuth],
		['a static token', () => ({ token: TOKEN })],
	];

	describe.each(sources)('with %s', (_source, auth) => {
		it.each(echoing)('%s that repeats every secret it was sent', async (_case, reply) => {
			server.reply((request) =>
				request.path === '/v1/auth/login' ? { status: 200, body: { access_token: TOKEN, expires_in: 3600 } } : reply(request),
			);
			const api = new SmartfloApiClient({ baseUrl: server.url, transport, auth: auth(), retries: 0 });
			const calls = [
				api.call(user.create, {
					name: 'Asha',
					number: '9876543210',
					email: 'asha@example.in',
					login_id: 'asha',
					user_role: 2,
					password: PASSWORD,
					caller_id: [1],
					create_agent: true,
					status: true,
				}),
				api.call(call.clickToCallSupport, { customer_number: '9876543210', api_key: API_KEY, async: 1 }),
				api.list(myNumber.getMany),
			];
			for (const result of await Promise.allSettled(calls)) {
				expect(result.status).toBe('rejected');
				const error = (result as PromiseRejectedResult).reason;
				expect(error).toBeInstanceOf(SmartfloError);
				for (const text of renderings(error)) for (const secret of SECRETS) expect(text).not.toContain(secret);
			}
		});
	});
});
