import { createUndiciTransport } from '../../graphql/runtime/undici-transport';
import { startFakeServer } from '../helpers/fake-server';

describe('undici transport', () => {
	it('keeps connections alive across requests', async () => {
		const server = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
		const transport = createUndiciTransport();
		try {
			for (let i = 0; i < 20; i++) {
				const response = await transport.request({ method: 'GET', url: `${server.url}/x`, headers: {}, timeoutMs: 1000 });
				expect(response.status).toBe(200);
			}
			// The pool may open a second socket while the first is being released; without keep-alive it would be 20.
			expect(server.connections()).toBeLessThanOrEqual(2);
		} finally {
			await transport.close();
			await server.close();
		}
	});

	it('returns 4xx and 5xx as responses with lower-case headers', async () => {
		const server = await startFakeServer(() => ({ status: 503, headers: { 'Retry-After': '3' }, body: 'down' }));
		const transport = createUndiciTransport();
		try {
			const response = await transport.request({ method: 'POST', url: `${server.url}/x`, headers: {}, body: '{}', timeoutMs: 1000 });
			expect(response).toMatchObject({ status: 503, body: 'down' });
			expect(response.headers['retry-after']).toBe('3');
		} finally {
			await transport.close();
			await server.close();
		}
	});
});

describe('undici transport shutdown', () => {
	it('close() lets an in-flight request finish', async () => {
		const server = await startFakeServer(async () => {
			await new Promise((resolve) => setTimeout(resolve, 200));
			return { status: 200, body: { ok: true } };
		});
		const transport = createUndiciTransport();
		try {
			const inFlight = transport.request({ method: 'GET', url: `${server.url}/slow`, headers: {}, timeoutMs: 5000 });
			await new Promise((resolve) => setTimeout(resolve, 50));
			await transport.close();
			await expect(inFlight).resolves.toMatchObject({ status: 200 });
		} finally {
			await server.close();
		}
	});

	it('close({ deadlineMs }) aborts a request still in flight at the deadline', async () => {
		const server = await startFakeServer(() => ({ hang: true }));
		const transport = createUndiciTransport();
		try {
			const failure = transport.request({ method: 'GET', url: `${server.url}/hang`, headers: {}, timeoutMs: 30_000 }).catch((e) => e);
			await new Promise((resolve) => setTimeout(resolve, 50));
			const started = Date.now();
			await transport.close({ deadlineMs: 100 });
			expect(await failure).toMatchObject({ name: 'TransportError' });
			expect(Date.now() - started).toBeLessThan(5_000);
		} finally {
			await server.close();
		}
	});

	it('destroy() after close() still aborts in-flight requests', async () => {
		const server = await startFakeServer(() => ({ hang: true }));
		const transport = createUndiciTransport();
		try {
			const failure = transport.request({ method: 'GET', url: `${server.url}/hang`, headers: {}, timeoutMs: 30_000 }).catch((e) => e);
			await new Promise((resolve) => setTimeout(resolve, 50));
			const closed = transport.close();
			await transport.destroy();
			expect(await failure).toMatchObject({ name: 'TransportError' });
			await closed;
		} finally {
			await server.close();
		}
	});
});
