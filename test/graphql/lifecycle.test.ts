import { listen } from '../../graphql/http-server';
import { createGraphQLServer } from '../../graphql/server';
import { startCountingUpstream, type CountingUpstream } from '../helpers/counting-upstream';
import { LOGIN_MUTATION, postOverHttp } from '../helpers/graphql';

const LOGIN = { email: 'ops@example.in', password: 'S3cret!pass' };

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('health, readiness and graceful shutdown', () => {
	let upstream: CountingUpstream | undefined;
	afterEach(async () => {
		await upstream?.close();
		upstream = undefined;
	});

	it('answers /health and /ready with 200 while running', async () => {
		const server = createGraphQLServer({ logger: { level: 'silent' } });
		expect((await server.fetch('http://x/health')).status).toBe(200);
		expect((await server.fetch('http://x/ready')).status).toBe(200);
		server.beginShutdown();
		expect((await server.fetch('http://x/ready')).status).toBe(503);
		expect((await server.fetch('http://x/health')).status).toBe(200);
		await server.dispose();
	});

	it('lets an in-flight login finish, stops accepting, then closes the upstream pool', async () => {
		upstream = await startCountingUpstream({ delayMs: 300 });
		const server = createGraphQLServer({ baseUrl: upstream.url, upstreamRetries: 0, logger: { level: 'silent' } });
		const running = await listen(server, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 5000 });

		const inFlight = postOverHttp(running.url, LOGIN_MUTATION, LOGIN);
		await upstream.loginArrived();
		expect(upstream.openSockets()).toBe(1);
		const stopped = running.shutdown();

		expect((await server.fetch('http://x/ready')).status).toBe(503);
		await waitFor(() => !running.server.listening);
		await expect(fetch(`${running.url}/health`)).rejects.toThrow();

		const reply = await inFlight;
		expect(reply.status).toBe(200);
		expect(reply.body.data.login.ok).toBe(true);
		// It arrived before the shutdown began, and is still told not to reuse the connection.
		expect(reply.headers.get('connection')).toBe('close');
		await stopped;
		await waitFor(() => upstream!.openSockets() === 0);
	});

	it('keeps serving during the drain delay while readiness says 503', async () => {
		upstream = await startCountingUpstream();
		const server = createGraphQLServer({ baseUrl: upstream.url, upstreamRetries: 0, logger: { level: 'silent' } });
		const running = await listen(server, { port: 0, host: '127.0.0.1', drainDelayMs: 400 });
		const stopped = running.shutdown();

		const ready = await fetch(`${running.url}/ready`);
		expect(ready.status).toBe(503);
		expect(ready.headers.get('connection')).toBe('close');
		const reply = await postOverHttp(running.url, LOGIN_MUTATION, LOGIN);
		expect(reply.body.data.login.ok).toBe(true);
		await stopped;
		expect(running.server.listening).toBe(false);
	});

	it('cuts requests still running at the deadline and destroys the pool', async () => {
		upstream = await startCountingUpstream({ hang: true });
		const server = createGraphQLServer({
			baseUrl: upstream.url,
			upstreamRetries: 0,
			upstreamTimeoutMs: 60_000,
			upstreamCloseTimeoutMs: 200,
			logger: { level: 'silent' },
		});
		const running = await listen(server, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 200 });
		const inFlight = postOverHttp(running.url, LOGIN_MUTATION, LOGIN).catch((error: unknown) => error);
		await upstream.loginArrived();

		const started = Date.now();
		await running.shutdown();
		expect(Date.now() - started).toBeLessThan(3000);
		// The client sees its connection closed (fetch's TypeError comes from another realm than jest's).
		expect(String(await inFlight)).toMatch(/fetch failed/);
		await waitFor(() => upstream!.openSockets() === 0);
	});

	it('shutdown is idempotent', async () => {
		const server = createGraphQLServer({ logger: { level: 'silent' } });
		const running = await listen(server, { port: 0, host: '127.0.0.1' });
		await Promise.all([running.shutdown(), running.shutdown()]);
		await running.shutdown();
		expect(running.server.listening).toBe(false);
	});
});
