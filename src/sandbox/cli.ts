#!/usr/bin/env node
import type { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';

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
			tokenTtlSeconds: optionalInteger('--ttl', values.ttl, 1),
			latencyMs: optionalInteger('--latency', values.latency, 0),
			maxPageSize: optionalInteger('--max-page-size', values['max-page-size'], 1),
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

function optionalInteger(flag: string, text: string | undefined, min: number): number | undefined {
	return text === undefined ? undefined : integerOption(flag, text, min, Number.MAX_SAFE_INTEGER);
}

function integerOption(flag: string, text: string, min: number, max: number): number {
	const value = Number(text);
	if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
		throw new TypeError(`${flag} must be an integer between ${min} and ${max}, got "${text}"`);
	}
	return value;
}

if (require.main === module) {
	runCli(process.argv.slice(2)).catch((error: unknown) => {
		process.stderr.write(`smartflo-sandbox: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
		process.exitCode = 1;
	});
}
