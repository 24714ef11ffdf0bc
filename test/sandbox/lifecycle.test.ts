import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

import { startSandbox } from '../../sandbox/index';
import { freePort } from '../helpers/fake-server';
import { request } from './helpers';

/** Sends raw bytes and resolves with whatever the server writes back until it closes the socket. */
function rawExchange(url: string, payload: string): Promise<string> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname, () => socket.write(payload));
		let received = '';
		socket.on('data', (chunk) => (received += chunk.toString()));
		socket.on('close', () => resolve(received));
		socket.on('error', reject);
	});
}

describe('server lifecycle', () => {
	it('reports its URL without a trailing slash and listens on the requested port and host', async () => {
		const port = await freePort();
		const sandbox = await startSandbox({ port, host: '127.0.0.1' });
		try {
			expect(sandbox.url).toBe(`http://127.0.0.1:${port}`);
			expect((await request(sandbox.url, '/v1/my_number', { token: sandbox.issueToken({}) })).status).toBe(200);
		} finally {
			await sandbox.close();
		}
	});

	it('rejects when the port is taken', async () => {
		const first = await startSandbox();
		try {
			await expect(startSandbox({ port: Number(new URL(first.url).port) })).rejects.toThrow(/EADDRINUSE/);
		} finally {
			await first.close();
		}
	});

	it('close() resolves promptly while a keep-alive connection is open, and can be called twice', async () => {
		const sandbox = await startSandbox();
		const agent = new Agent({ keepAlive: true });
		const status = await new Promise<number | undefined>((resolve, reject) => {
			const req = httpRequest(new URL('/v1/my_number', sandbox.url), { agent }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			});
			req.on('error', reject);
			req.end();
		});
		expect(status).toBe(400);
		expect(Object.keys(agent.freeSockets)).toHaveLength(1);

		const started = Date.now();
		await sandbox.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await sandbox.close();
		agent.destroy();
	});

	it('survives a client that disconnects mid-body, and malformed HTTP', async () => {
		const sandbox = await startSandbox();
		try {
			const { hostname, port } = new URL(sandbox.url);
			await new Promise<void>((resolve) => {
				const socket = connect(Number(port), hostname, () => {
					socket.write('POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"email":');
					setTimeout(() => socket.destroy(), 30);
				});
				socket.on('close', () => resolve());
			});
			const garbage = await rawExchange(sandbox.url, 'THIS IS NOT HTTP\r\n\r\n');
			expect(garbage).not.toContain('200 OK');
			expect(
				(await request(sandbox.url, '/v1/auth/login', { body: { email: 'demo@smartflo.test', password: 'Demo@Pass123' } })).status,
			).toBe(200);
			expect(sandbox.stats().loginAttempts).toBe(2);
		} finally {
			await sandbox.close();
		}
	});

	it('survives a client that leaves while its answer is delayed', async () => {
		const sandbox = await startSandbox({ latencyMs: 150 });
		try {
			const gone = fetch(new URL('/v1/users', sandbox.url), { signal: AbortSignal.timeout(30) });
			await expect(gone).rejects.toMatchObject({ name: 'TimeoutError' });
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect((await request(sandbox.url, '/v1/users')).status).toBe(400);
			expect(sandbox.stats().byStatus).toEqual({ 400: 1 });
		} finally {
			await sandbox.close();
		}
	});

	it('keeps separate sandboxes fully independent', async () => {
		const [one, two] = await Promise.all([startSandbox(), startSandbox()]);
		try {
			const token = one.issueToken({});
			expect((await request(one.url, '/v1/my_number', { token })).status).toBe(200);
			expect((await request(two.url, '/v1/my_number', { token })).status).toBe(401);
			expect(two.stats().apiRequests).toBe(1);
			expect(one.stats().apiRequests).toBe(1);
		} finally {
			await Promise.all([one.close(), two.close()]);
		}
	});

	it('rejects invalid options', async () => {
		await expect(startSandbox({ tokenTtlSeconds: 0 })).rejects.toThrow(/tokenTtlSeconds/);
		await expect(startSandbox({ maxPageSize: 2.5 })).rejects.toThrow(/maxPageSize/);
		await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
		await expect(startSandbox({ accounts: [] })).rejects.toThrow(/at least one account/);
		await expect(startSandbox({ seed: { users: 0 } })).rejects.toThrow(/seed.users/);
		await expect(startSandbox({ seed: { endDate: 'yesterday-ish' } })).rejects.toThrow(/endDate/);
	});
});
