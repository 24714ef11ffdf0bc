import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { request } from './helpers';

// A path id names a record only when it is all digits: `7001.0` or `0x1b59` is no broadcast 7001.
describe('path ids that are not all digits', () => {
	let sandbox: SandboxHandle;
	let token: string;
	const send = (method: string, path: string, body?: unknown) => request(sandbox.url, path, { token, method, body });

	beforeAll(async () => {
		sandbox = await startSandbox({});
		token = sandbox.issueToken({});
	});
	afterAll(() => sandbox.close());

	it('name no user, number, broadcast or lead list', async () => {
		const [user] = (await send('GET', '/v1/users?limit=1')).body.data;
		expect(await send('GET', `/v1/user/${user.id}`)).toMatchObject({ status: 200 });
		for (const [method, path] of [
			['GET', `/v1/user/${user.id}.0`],
			['PATCH', `/v1/user/0x${user.id.toString(16)}`],
		]) {
			expect(await send(method, path, method === 'PATCH' ? { name: 'x' } : undefined)).toMatchObject({
				status: 404,
				body: { success: false, message: 'User not found' },
			});
		}
		expect(await send('PUT', '/v1/my_number/3102.0', { name: 'x' })).toMatchObject({
			status: 404,
			body: { success: false, message: 'Number not found' },
		});
		expect(await send('GET', '/v1/broadcast/7001.0')).toMatchObject({
			status: 200,
			body: { success: false, message: 'Broadcast not found' },
		});
		expect(await send('GET', '/v1/broadcast/leads/5101.0')).toMatchObject({
			status: 200,
			body: { success: false, message: 'Lead list not found' },
		});
	});
});
