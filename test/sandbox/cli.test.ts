import { EventEmitter } from 'node:events';

import { DEMO_ACCOUNT, DEMO_SUPPORT_API_KEY, startSandbox } from '../../sandbox/index';
import { main, parseCliArgs, runCli, USAGE } from '../../sandbox/cli';
import { decodeJwt, request } from './helpers';

describe('smartflo-sandbox CLI', () => {
	it('defaults to port 4010 on 127.0.0.1', () => {
		expect(parseCliArgs([], {})).toEqual({
			kind: 'start',
			options: { port: 4010, host: undefined, tokenTtlSeconds: undefined, latencyMs: undefined, maxPageSize: undefined },
		});
	});

	it('takes the port from SMARTFLO_SANDBOX_PORT, and --port over it', () => {
		expect(parseCliArgs([], { SMARTFLO_SANDBOX_PORT: '4555' })).toMatchObject({ options: { port: 4555 } });
		expect(parseCliArgs(['--port', '4666'], { SMARTFLO_SANDBOX_PORT: '4555' })).toMatchObject({ options: { port: 4666 } });
	});

	it('parses every flag', () => {
		const command = parseCliArgs(['--port=0', '--host', '0.0.0.0', '--ttl', '60', '--latency', '25', '--max-page-size', '10'], {});
		expect(command).toEqual({
			kind: 'start',
			options: { port: 0, host: '0.0.0.0', tokenTtlSeconds: 60, latencyMs: 25, maxPageSize: 10 },
		});
	});

	it.each([['--help'], ['-h']])('recognises %s', (flag) => {
		expect(parseCliArgs([flag], {})).toEqual({ kind: 'help' });
	});

	it.each([
		[['--port', 'eighty']],
		[['--port', '70000']],
		[['--ttl', '0']],
		[['--latency', '-5']],
		[['--max-page-size', '1.5']],
		[['--bogus']],
	])('rejects %p', (argv) => {
		expect(() => parseCliArgs(argv, {})).toThrow();
	});

	it.each([
		[['--latency', '1000000000000'], '--latency must be an integer between 0 and 600000, got "1000000000000"'],
		[['--ttl', '1e300'], '--ttl must be an integer between 1 and 315360000, got "1e300"'],
		[['--max-page-size', '0'], '--max-page-size must be an integer between 1 and 10000, got "0"'],
	])('rejects %p with the bounds the admin API also applies', (argv, message) => {
		expect(() => parseCliArgs(argv, {})).toThrow(new TypeError(message));
	});

	it('says in one line that the port is taken and how to choose another, and exits 1 (no usage: the arguments were fine)', async () => {
		const busy = await startSandbox();
		try {
			const port = new URL(busy.url).port;
			const errors: string[] = [];
			const printed: string[] = [];
			const exitCode = await main(['--port', port], {
				printError: (text) => errors.push(text),
				print: (text) => printed.push(text),
				env: {},
			});
			expect(exitCode).toBe(1);
			expect(printed).toEqual([]);
			expect(errors).toEqual([
				`smartflo-sandbox: port ${port} on 127.0.0.1 is already in use; choose another with --port <n> (or --port 0 for any free port) or --host\n`,
			]);
		} finally {
			await busy.close();
		}
	});

	it('prints the usage after a bad argument, and exits 1', async () => {
		const errors: string[] = [];
		expect(await main(['--bogus'], { printError: (text) => errors.push(text), env: {} })).toBe(1);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/^smartflo-sandbox: Unknown option '--bogus'/);
		expect(errors[0]).toContain(USAGE);
	});

	it('prints the usage for --help without starting anything', async () => {
		const printed: string[] = [];
		expect(await runCli(['--help'], { print: (text) => printed.push(text) })).toBeUndefined();
		expect(printed).toEqual([USAGE]);
		expect(USAGE).toContain('--max-page-size');
	});

	it('starts, prints the URL, demo account, a working permanent token and the support key, and stops on SIGTERM', async () => {
		const printed: string[] = [];
		const signals = new EventEmitter();
		const running = await runCli(['--port', '0', '--ttl', '120'], { print: (text) => printed.push(text), signals, env: {} });
		expect(running).toBeDefined();
		const { handle, stopped } = running!;
		const banner = printed.join('');
		expect(banner).toContain(`listening on ${handle.url}`);
		expect(banner).toContain(DEMO_ACCOUNT.email);
		expect(banner).toContain(DEMO_ACCOUNT.password);
		expect(banner).toContain(DEMO_SUPPORT_API_KEY);
		expect(banner).toContain(`curl -s -X POST ${handle.url}/v1/auth/login`);

		const token = /TOKEN='([^']+)'/.exec(banner)?.[1] ?? '';
		expect(decodeJwt(token).claims.cr).toBe(true);
		expect((await request(handle.url, '/v1/users', { token })).status).toBe(200);
		const login = await request(handle.url, '/v1/auth/login', { body: DEMO_ACCOUNT });
		expect(login.body.expires_in).toBe(120);

		signals.emit('SIGTERM');
		await stopped;
		expect(printed.join('')).toContain('SIGTERM received');
		await expect(fetch(`${handle.url}/v1/users`)).rejects.toMatchObject({ message: 'fetch failed' });
	});
});
