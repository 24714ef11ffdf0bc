import { inspect } from 'node:util';

import { createLogger } from '../../graphql/logging';
import { createServerAccount } from '../../graphql/runtime/account';
import { createUndiciTransport } from '../../graphql/runtime/undici-transport';
import { SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';
import { SmartfloError } from '../../src/auth';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { captureLogs } from '../helpers/graphql';
import { jwtExpiringIn } from '../helpers/jwt';

const ACCOUNT = { email: 'ops.owner@example.in', password: ' Serv3r-held Passw0rd ' };
const { user } = SMARTFLO_ENDPOINTS;

describe('the server-held account', () => {
	let sandbox: SandboxHandle;
	const transport = createUndiciTransport();
	beforeAll(async () => {
		sandbox = await startSandbox({ accounts: [ACCOUNT] });
	});
	afterAll(async () => {
		await transport.close();
		await sandbox.close();
	});
	beforeEach(() => sandbox.resetStats());

	const account = (credentials: Parameters<typeof createServerAccount>[0]['credentials'], more: object = {}) =>
		createServerAccount({ credentials, baseUrl: sandbox.url, transport, ...more });

	it('logs in on first use only, once for concurrent calls, and shares the session afterwards', async () => {
		const held = account(ACCOUNT);
		expect(sandbox.stats().requests).toBe(0);
		const lists = await Promise.all(Array.from({ length: 5 }, () => held.client.list(user.getMany, {}, { limit: 3 })));
		expect(lists.map((list) => list.items.length)).toEqual([3, 3, 3, 3, 3]);
		await held.clientOver(transport).list(user.getMany, {}, { limit: 1 });
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, logins: 1, apiRequests: 6 });
		expect(held).toMatchObject({ method: 'password', label: ACCOUNT.email });
	});

	it('renews by itself when Smartflo refuses its token: the caller sees no failure', async () => {
		const held = account(ACCOUNT);
		await held.client.list(user.getMany, {}, { limit: 1 });
		sandbox.expireAllTokens();
		await expect(held.client.list(user.getMany, {}, { limit: 1 })).resolves.toMatchObject({ items: [expect.any(Object)] });
		const stats = sandbox.stats();
		// The refused call, the renewal (a refresh Smartflo refuses for the expired token, then a login), the call again.
		expect(stats).toMatchObject({ apiRequests: 3, logins: 2, rejectedTokens: expect.any(Number) });
	});

	it('uses a permanent token as it is, never logging in', async () => {
		const token = sandbox.issueToken({ email: ACCOUNT.email, kind: 'permanent' });
		const held = account({ accessToken: `Bearer ${token}` });
		await held.client.list(user.getMany, {}, { limit: 2 });
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 0, refreshAttempts: 0, apiRequests: 1 });
		expect(held).toMatchObject({ method: 'accessToken', label: 'an access token' });
		expect(inspect(held, { depth: 10 })).not.toContain(token.split('.')[1]);
	});

	it('refuses credentials that cannot work before sending anything', () => {
		expect(() => account({ accessToken: jwtExpiringIn(-3600) })).toThrow(/^account\.accessToken: The access token expired on /);
		expect(() => account({ accessToken: 'eyJ****' })).toThrow(/^account\.accessToken: This access token is masked/);
		expect(() => account({ accessToken: '0b6f6e0e-4a5c-4f3a-9d1e-7c2b8a5f3e19' })).toThrow(/Click to Call Support API key/);
		expect(() => account({ email: ' ', password: 'x' })).toThrow(new TypeError('account needs a non-empty email and password.'));
		expect(() => account({ email: 'a@b.in', password: '' })).toThrow(TypeError);
		expect(sandbox.stats().requests).toBe(0);
	});

	it('after Smartflo refuses its password, stops asking for a pause so that the account cannot be locked', async () => {
		let now = Date.now();
		const logs = captureLogs();
		const held = account(
			{ email: ACCOUNT.email, password: 'Wr0ng-Server-Passw0rd' },
			{ now: () => now, logger: createLogger({ level: 'info', write: logs.write }) },
		);
		const failures: SmartfloError[] = [];
		for (let attempt = 0; attempt < 6; attempt++) {
			failures.push(
				await held.client.list(user.getMany).then(
					() => Promise.reject(new Error('expected a refusal')),
					(error) => error,
				),
			);
		}
		expect(sandbox.stats()).toMatchObject({ loginAttempts: 1, failedLogins: 1, apiRequests: 0 });
		for (const failure of failures) {
			expect(failure).toBeInstanceOf(SmartfloError);
			expect(failure.code).toBe('INVALID_CREDENTIALS');
			expect(failure.message).toBe(
				"Smartflo refused the server's own account; the server's operator must correct its email and password. No login is tried for 15 min.",
			);
		}
		expect(logs.entries()).toEqual([
			expect.objectContaining({
				level: 'error',
				msg: 'smartflo refused the server account',
				reason: 'WRONG_CREDENTIALS',
				pauseMinutes: 15,
			}),
		]);
		expect(logs.lines.join('\n')).not.toContain('Wr0ng');
		expect(logs.lines.join('\n')).not.toContain(ACCOUNT.email);

		now += 15 * 60 * 1000 + 1;
		await expect(held.client.list(user.getMany)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
		expect(sandbox.stats().loginAttempts).toBe(2);
		expect(sandbox.accountState(ACCOUNT.email)).toMatchObject({ locked: false });
	});

	it('keeps the password out of what it shows of itself', () => {
		const held = account(ACCOUNT);
		for (const shown of [inspect(held, { depth: 10, showHidden: true }), JSON.stringify(held)]) {
			expect(shown).not.toContain('Passw0rd');
		}
	});
});
