import { DEMO_ACCOUNT, type SandboxHandle } from 'smartflo-sandbox';

import { ConfigError, helpText, parseCli, redisLocation, serverOptionsFrom, type CliConfig } from './config';
import { graphiqlAssetsInlined } from './graphiql';
import { listen, type RunningServer } from './http-server';
import { GRAPHQL_ENDPOINT } from './options';
import type { AccountCredentials } from './runtime/account';
import { generateApiKey, type ApiKeyEntry } from './runtime/api-keys';
import { startUpstream } from './runtime/upstream';
import { createGraphQLServer, type GraphQLServer } from './server';

/** The name of the key generated for the sandbox's demo account. */
export const SANDBOX_KEY_NAME = 'sandbox-demo';

export interface CliIo {
	env?: NodeJS.ProcessEnv;
	/** Human-readable text (banner, help, errors). */
	print?: (text: string) => void;
	printError?: (text: string) => void;
	/** Where SIGINT / SIGTERM come from; the process by default. */
	signals?: Pick<NodeJS.Process, 'once'>;
	exit?: (code: number) => void;
}

export interface StartedCli {
	running: RunningServer;
	sandbox?: SandboxHandle;
	/** With --sandbox: the API key generated for the demo account. */
	sandboxKey?: string;
	stop(): Promise<void>;
}

/** Runs the bin; resolves once the server listens (undefined after --help or a configuration error). */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<StartedCli | undefined> {
	const print = io.print ?? ((text: string) => process.stdout.write(text));
	const printError = io.printError ?? ((text: string) => process.stderr.write(text));
	const exit = io.exit ?? ((code: number) => process.exit(code));

	let config: CliConfig;
	try {
		const command = parseCli(argv, io.env ?? process.env);
		if (command.kind === 'help') {
			print(helpText());
			return undefined;
		}
		config = command.config;
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		printError(`smartflo-graphql: ${error.message}\nRun smartflo-graphql --help for the options.\n`);
		exit(2);
		return undefined;
	}

	const { baseUrl, account, sandbox } = await startUpstream(config);
	const options = serverOptionsFrom(config);
	// The sandbox places no real calls: its generated key may write. It lives as long as this process.
	const sandboxKey: ApiKeyEntry | undefined = sandbox ? { name: SANDBOX_KEY_NAME, permission: 'write', key: generateApiKey() } : undefined;
	const apiKeys = sandboxKey ? [...(options.apiKeys ?? []), sandboxKey] : options.apiKeys;
	let graphql: GraphQLServer;
	try {
		graphql = createGraphQLServer({
			...options,
			baseUrl,
			account,
			apiKeys,
			...(sandbox ? { graphiqlExample: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } } : {}),
		});
	} catch (error) {
		await sandbox?.close();
		throw error;
	}
	// With Redis, waits for the first connection attempt (bounded), so that the first requests find it;
	// an unreachable Redis has been logged by then, and readiness says so until it is back.
	await graphql.authGuard.health();
	let running: RunningServer;
	try {
		running = await listen(graphql, {
			port: config.port,
			host: config.host,
			shutdownTimeoutMs: config.shutdownTimeoutMs,
			drainDelayMs: config.drainDelayMs,
		});
	} catch (error) {
		await graphql.dispose();
		await sandbox?.close();
		printError(`smartflo-graphql: cannot listen on ${config.host}:${config.port} (${(error as NodeJS.ErrnoException).code ?? 'error'}).\n`);
		exit(1);
		return undefined;
	}

	print(banner(config, running.url, { sandbox, account: account && accountLabel(account, sandbox), apiKeys, sandboxKey }));
	graphql.logger.info('listening', {
		url: `${running.url}${GRAPHQL_ENDPOINT}`,
		production: config.production,
		upstream: sandbox ? 'sandbox' : config.baseUrl,
		state: config.redisUrl ? redisLocation(config.redisUrl) : 'memory',
		account: account ? ('accessToken' in account ? 'access token' : 'email and password') : 'none',
		apiKeys: (apiKeys ?? []).map((key) => key.name),
	});

	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			graphql.logger.info('shutting down');
			await running.shutdown();
			await sandbox?.close();
			graphql.logger.info('stopped');
		})();
		return stopping;
	};
	const signals = io.signals ?? process;
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		signals.once(signal, () => {
			// A second signal while draining stops at once.
			signals.once(signal, () => exit(1));
			stop().then(
				() => exit(0),
				() => exit(1),
			);
		});
	}
	return { running, sandbox, sandboxKey: sandboxKey?.key, stop };
}

interface BannerUpstream {
	sandbox?: SandboxHandle;
	account?: string;
	apiKeys?: readonly ApiKeyEntry[];
	sandboxKey?: ApiKeyEntry;
}

function accountLabel(account: AccountCredentials, sandbox: SandboxHandle | undefined): string {
	if ('accessToken' in account) return 'an access token (SMARTFLO_ACCESS_TOKEN)';
	return sandbox ? `${account.email} (the sandbox's demo account)` : account.email;
}

function banner(config: CliConfig, url: string, upstream: BannerUpstream): string {
	const { sandbox, account, apiKeys = [], sandboxKey } = upstream;
	const endpoint = `${url}${GRAPHQL_ENDPOINT}`;
	const keyNames = apiKeys.map((key) => `${key.name} (${key.permission})`).join(', ');
	const lines = [
		`Smartflo GraphQL server (${config.production ? 'production' : 'development'} mode)`,
		`  GraphQL endpoint  ${endpoint}`,
		config.graphiql ? `  GraphiQL          ${endpoint}  (open in a browser)` : '  GraphiQL          off',
		`  Health            ${url}/health  ${url}/ready`,
		`  Smartflo API      ${sandbox ? `${sandbox.url} (embedded sandbox)` : config.baseUrl}`,
		`  Limits and caches ${config.redisUrl ? `${redisLocation(config.redisUrl)} (shared; prefix ${config.redisKeyPrefix}; Redis down: ${config.redisOutage})` : 'in this process'}`,
		account
			? `  Server account    ${account}; API keys: ${keyNames}`
			: "  Server account    none: data requests need the caller's own token (Authorization: Bearer)",
	];
	if (config.graphiql && !graphiqlAssetsInlined()) {
		lines.push('  Note: GraphiQL loads its scripts from unpkg.com; install @graphql-yoga/render-graphiql to serve them locally.');
	}
	if (sandbox) {
		lines.push(
			'',
			`  Demo account      ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`,
			...(sandboxKey
				? [
						`  API key           ${sandboxKey.key}`,
						`                    (generated at start for the demo account, "${sandboxKey.name}", allowed to write: the sandbox places no real`,
						'                    calls; it stops working when this server stops. Send it as the X-API-Key header.)',
					]
				: []),
			'  Try it:',
			`  curl -s ${endpoint} -H 'Content-Type: application/json' \\`,
			`    -d '${JSON.stringify({ query: 'mutation($email:String!,$password:String!){login(email:$email,password:$password){ok token{accessToken expiresAt} error{code message}}}', variables: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } })}'`,
		);
	}
	lines.push('', 'Press Ctrl+C to stop.', '');
	return lines.join('\n');
}
