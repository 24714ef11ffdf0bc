import { listen, type RunningServer } from '../../graphql/http-server';
import type { GraphQLServerOptions } from '../../graphql/options';
import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/index';

/** The GraphQL server as deployed (node:http, graceful shutdown) in front of a sandbox, both on loopback. */
export interface LoopbackStack {
	sandbox: SandboxHandle;
	server: GraphQLServer;
	running: RunningServer;
	/** The GraphQL server's base URL. */
	url: string;
	/** Requests that reached the sandbox's Smartflo API since the last reset. */
	upstreamRequests(): number;
	/** GET /health over a fresh connection. */
	health(): Promise<number>;
	close(): Promise<void>;
}

export async function startLoopbackStack(options: GraphQLServerOptions = {}, sandboxOptions: SandboxOptions = {}): Promise<LoopbackStack> {
	const sandbox = await startSandbox(sandboxOptions);
	const server = createGraphQLServer({
		baseUrl: sandbox.url,
		upstreamRetries: 0,
		upstreamTimeoutMs: 2000,
		logger: { level: 'silent' },
		...options,
	});
	const running = await listen(server, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1000 });
	return {
		sandbox,
		server,
		running,
		url: running.url,
		upstreamRequests: () => sandbox.stats().requests,
		health: async () => (await fetch(`${running.url}/health`, { headers: { connection: 'close' } })).status,
		close: async () => {
			await running.shutdown();
			await sandbox.close();
		},
	};
}
