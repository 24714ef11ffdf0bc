#!/usr/bin/env node
import type { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';

import { CONFIG_BOUNDS, checkConfigValue } from './config';
import { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY, startSandbox, type SandboxHandle, type SandboxOptions } from './index';

const DEFAULT_PORT = 4010;

export const USAGE = `Usage: smartflo-sandbox [options]

Runs a local simulator of Tata Tele Business Smartflo's REST API.

Options:
  --port <n>            port to listen on (default: $SMARTFLO_SANDBOX_PORT or ${DEFAULT_PORT}; 0 = any free port)
  --host <host>         interface to bind (default: 127.0.0.1)
  --ttl <seconds>       lifetime of login tokens (default: 3600)
  --latency <ms>        delay added to every response (default: 0)
  --max-page-size <n>   cap on \`limit\` for list endpoints (default: 100)
  -h, --help            show this help
`;

export type CliCommand = { kind: 'help' } | { kind: 'start'; options: SandboxOptions };

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
	const { values } = parseArgs({
		args: [...argv],
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			ttl: { type: 'string' },
			latency: { type: 'string' },
			'max-page-size': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
		strict: true,
	});
	if (values.help) return { kind: 'help' };
	const portText = values.port ?? env.SMARTFLO_SANDBOX_PORT;
	return {
		kind: 'start',
		options: {
			port: portText === undefined ? DEFAULT_PORT : integerOption('--port', portText, 0, 65_535),
			host: values.host,
			tokenTtlSeconds: configFlag('tokenTtlSeconds', values.ttl),
			latencyMs: configFlag('latencyMs', values.latency),
			maxPageSize: configFlag('maxPageSize', values['max-page-size']),
		},
	};
}

export function describeSandbox(handle: SandboxHandle, permanentToken: string): string {
	const { url } = handle;
	const login = JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
	const support = JSON.stringify({ customer_number: '9876543210', api_key: DEMO_SUPPORT_API_KEY, async: 1 });
	return `Smartflo sandbox listening on ${url}

Demo account     ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}
Permanent token  (about 9.5 years, until revoked; it is $TOKEN below)
Click-to-call-support api_key  ${DEMO_SUPPORT_API_KEY}

Try it (bash):
  TOKEN='${permanentToken}'
  curl -s -X POST ${url}/v1/auth/login -H 'Content-Type: application/json' -d '${login}'
  curl -s '${url}/v1/users?limit=5' -H "Authorization: Bearer $TOKEN"
  curl -s '${url}/v1/call/records?limit=5&call_type=m' -H "Authorization: Bearer $TOKEN"
  curl -s -X POST ${url}/v1/click_to_call_support -H 'Content-Type: application/json' -d '${support}'
  curl -s ${url}/__sandbox/stats

Admin API (local only, no auth): /__sandbox/stats, /__sandbox/faults, /__sandbox/config, /__sandbox/tokens
Press Ctrl+C to stop.
`;
}

export interface CliIo {
	env?: NodeJS.ProcessEnv;
	print?: (text: string) => void;
	/** Where SIGINT / SIGTERM come from; the process by default. */
	signals?: Pick<EventEmitter, 'once'>;
}

export interface RunningCli {
	handle: SandboxHandle;
	/** Resolves once a signal has closed the sandbox. */
	stopped: Promise<void>;
}

/** Starts the sandbox and prints how to use it; undefined when only help was asked for. */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<RunningCli | undefined> {
	const print = io.print ?? ((text: string) => process.stdout.write(text));
	const command = parseCliArgs(argv, io.env ?? process.env);
	if (command.kind === 'help') {
		print(USAGE);
		return undefined;
	}
	const handle = await startSandbox(command.options);
	print(describeSandbox(handle, handle.issueToken({ kind: 'permanent' })));
	const signals = io.signals ?? process;
	const stopped = new Promise<void>((resolve) => {
		const stop = (signal: string) => {
			print(`\n${signal} received, stopping the sandbox\n`);
			void handle.close().then(resolve);
		};
		signals.once('SIGINT', () => stop('SIGINT'));
		signals.once('SIGTERM', () => stop('SIGTERM'));
	});
	return { handle, stopped };
}

/** A runtime setting's flag, checked by the same rule as the admin API's /__sandbox/config. */
function configFlag(name: keyof typeof CONFIG_BOUNDS, text: string | undefined): number | undefined {
	return text === undefined ? undefined : checkConfigValue(name, text, CONFIG_BOUNDS[name].flag);
}

function integerOption(flag: string, text: string, min: number, max: number): number {
	const value = Number(text);
	if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
		throw new TypeError(`${flag} must be an integer between ${min} and ${max}, got "${text}"`);
	}
	return value;
}

/**
 * Why the CLI could not start, for stderr: a bad argument with the usage (the user typed something
 * wrong), a port in use or another failure to listen in one line.
 */
export function describeCliFailure(error: unknown): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
		const { port, address } = error as { port?: number; address?: string };
		const where = `${address ?? 'the host'}:${port ?? '?'}`;
		const reasons: Record<string, string> = {
			EADDRINUSE: `port ${port} on ${address} is already in use`,
			EACCES: `no permission to listen on ${where}`,
			EADDRNOTAVAIL: `cannot listen on ${where}: the address is not on this machine`,
		};
		const reason = reasons[code];
		return `smartflo-sandbox: ${reason}; choose another with --port <n> (or --port 0 for any free port) or --host\n`;
	}
	const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
	const text = typeof message === 'string' ? message : String(error);
	// parseArgs and the option checks throw TypeErrors (by name: parseArgs's may come from another realm).
	return name === 'TypeError' ? `smartflo-sandbox: ${text}\n\n${USAGE}` : `smartflo-sandbox: ${text}\n`;
}

/** The CLI's entry point: 0 once the sandbox runs (until a signal stops it), 1 after writing why it could not start. */
export async function main(argv: readonly string[], io: CliIo & { printError?: (text: string) => void } = {}): Promise<number> {
	try {
		await runCli(argv, io);
		return 0;
	} catch (error) {
		(io.printError ?? ((text: string) => process.stderr.write(text)))(describeCliFailure(error));
		return 1;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2)).then((exitCode) => {
		if (exitCode !== 0) process.exitCode = exitCode;
	});
}
