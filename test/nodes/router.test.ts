import { inspect } from 'node:util';

import { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle } from '../../sandbox/index';
import { startFakeServer } from '../helpers/fake-server';
import { jwtExpiringIn } from '../helpers/jwt';
import { passwordCredential, runNode, runNodeError, tokenCredential } from './harness';

let sandbox: SandboxHandle;
beforeAll(async () => {
	sandbox = await startSandbox({
		accounts: [DEMO_ACCOUNT, { email: 'soon@smartflo.test', password: 'Soon@Pass123', passwordDaysLeft: 3 }],
		seed: { users: 5, callRecords: 0, liveCalls: 0 },
	});
});
afterAll(() => sandbox.close());

const soonExpiring = () => passwordCredential(sandbox.url, { email: 'soon@smartflo.test', password: 'Soon@Pass123' });

describe('the item loop', () => {
	it('keeps going after a failing item with continueOnFail, each output paired with its input', async () => {
		const {
			output: [one],
		} = await runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'user', operation: 'getMany', limit: 1 } });
		const ids = [String(one.json.id), '1', String(one.json.id)];
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			items: ids.map((id) => ({ json: { id } })),
			continueOnFail: true,
			parameters: (index) => ({ resource: 'user', operation: 'get', userId: ids[index] }),
		});
		expect(output.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual([
			[{ item: 0 }, one.json.id],
			[{ item: 1 }, 'Smartflo could not find it: User not found (HTTP 404)'],
			[{ item: 2 }, one.json.id],
		]);
	});

	it('puts the failing item’s index on an error that n8n’s helper threw', async () => {
		const token = jwtExpiringIn(3600);
		let listRequests = 0;
		const server = await startFakeServer((request) => {
			if (request.path === '/v1/auth/login') return { status: 200, body: { success: true, access_token: token, expires_in: 3600 } };
			if (request.path === '/v1/auth/refresh')
				return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };
			return ++listRequests === 1 ? { status: 200, body: [] } : { status: 401, body: { message: 'Token has expired' } };
		});
		try {
			const error = await runNodeError({
				store: passwordCredential(server.url),
				items: [{ json: {} }, { json: {} }],
				parameters: { resource: 'myNumber', operation: 'getMany' },
			});
			expect(error.constructor.name).toBe('NodeApiError');
			// The renewal after the 401 failed: the credential's message, not a generic one.
			expect(error.message).toBe(`Smartflo had a server error at ${server.url}`);
			expect(error.context?.itemIndex).toBe(1);
		} finally {
			await server.close();
		}
	});

	it('wraps a request helper’s own error by its message only: its request (headers, signed links) is not kept', async () => {
		const secret = 'Bearer eyJsecret.part.never-shown';
		const helperError = Object.assign(new Error('socket hang up'), {
			config: { url: 'https://recordings.example/r.mp3?X-Amz-Signature=abc123', headers: { Authorization: secret } },
			request: { _header: `GET /r.mp3 HTTP/1.1\r\nAuthorization: ${secret}` },
		});
		const error = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'call', operation: 'clickToCallSupport', customerNumber: '+919876543210', apiKey: DEMO_SUPPORT_API_KEY },
			httpRequest: async () => {
				throw helperError;
			},
		});
		expect(error.message).toBe('socket hang up');
		expect(error.context?.itemIndex).toBe(0);
		const shown = `${inspect(error, { showHidden: true, depth: 12 })}${JSON.stringify(error)}`;
		expect(shown).not.toContain('eyJsecret');
		expect(shown).not.toContain('X-Amz-Signature');
	});

	it('refuses an unknown operation', async () => {
		const error = await runNodeError({ store: passwordCredential(sandbox.url), parameters: { resource: 'user', operation: 'delete' } });
		expect(error.message).toBe('The operation "delete" of resource "user" is not supported');
	});
});

describe('password expiry', () => {
	it('adds an execution hint when the password expires within 7 days', async () => {
		const { hints } = await runNode({ store: soonExpiring(), parameters: { resource: 'myNumber', operation: 'getMany' } });
		expect(hints).toEqual([
			{ message: expect.stringMatching(/^The Smartflo password of this credential expires in 3 days\./), location: 'outputPane' },
		]);
	});

	it('stays quiet when the password has longer, and for a pasted token', async () => {
		const quiet = await runNode({ store: passwordCredential(sandbox.url), parameters: { resource: 'myNumber', operation: 'getMany' } });
		expect(quiet.hints).toEqual([]);
		const pasted = tokenCredential(sandbox.url, sandbox.issueToken({ kind: 'permanent' }));
		pasted.stored.passwordExpiresAt = new Date(Date.now() + 86_400_000).toISOString();
		const tokenRun = await runNode({ store: pasted, parameters: { resource: 'myNumber', operation: 'getMany' } });
		expect(tokenRun.hints).toEqual([]);
	});

	it('shows the days left in the Login output', async () => {
		const { output } = await runNode({ store: soonExpiring(), parameters: { resource: 'token', operation: 'login' } });
		expect(output[0].json.passwordExpiresInDays).toBe(3);
	});
});
