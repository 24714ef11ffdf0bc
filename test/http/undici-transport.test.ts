import { createUndiciTransport } from '../../src/http/undici-transport';
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
