import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';

import { helpText } from '../../graphql/config';
import { DEMO_ACCOUNT } from '../../sandbox/index';
import { installLikeN8n } from '../e2e/install-package';
import { ManagedProcess } from '../e2e/managed-process';
import { npmPack } from '../helpers/npm-pack';

/**
 * Each package installed from its packed tarball the way its users install it: the GraphQL server and the
 * sandbox it depends on with a plain `npm i <tgz> <tgz>` into an empty folder, by the machine's own Node and
 * npm (often older than ours); the n8n package the way n8n's community-package installer does.
 */
let workDir: string;
const sizes: Record<string, string> = {};

/** The machine's own Node: the first `node` on PATH that is not this repository's Node 24. */
function systemNodeDir(): string {
	const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.includes('node_modules'));
	const found = dirs.find((dir) => {
		try {
			return statSync(join(dir, 'node')).isFile();
		} catch {
			return false;
		}
	});
	if (!found) throw new Error('no system node on PATH');
	return found;
}

const systemEnv = () => ({
	...process.env,
	PATH: [systemNodeDir(), ...(process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'))].join(delimiter),
});

/** Packs this repository, or the workspace named, into workDir and notes the sizes; returns the tarball. */
async function pack(workspace?: string): Promise<string> {
	const packed = await npmPack(workDir, { workspace });
	sizes[`${basename(packed.path)} (packed / unpacked)`] = `${kB(packed.size)} / ${kB(packed.unpackedSize)}`;
	return packed.path;
}

function kB(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} kB`;
}

function diskUsage(dir: string): number {
	return statSync(dir).isDirectory() ? readdirSync(dir).reduce((sum, name) => sum + diskUsage(join(dir, name)), 0) : statSync(dir).size;
}

beforeAll(() => {
	workDir = mkdtempSync(join(tmpdir(), 'smartflo-packages-'));
});

afterAll(() => {
	console.log(
		`Package sizes:\n${Object.entries(sizes)
			.map(([what, size]) => `  ${what}: ${size}`)
			.join('\n')}`,
	);
	rmSync(workDir, { recursive: true, force: true });
});

/** Starts a bin from the install and resolves with the first URL its banner prints after `label`. */
async function startBin(
	command: string,
	args: string[],
	label: RegExp,
	env: NodeJS.ProcessEnv,
): Promise<{ url: string; bin: ManagedProcess }> {
	const bin = new ManagedProcess(basename(command));
	let url: string | undefined;
	bin.start(command, args, { env, onLine: (line) => (url ??= new RegExp(`${label.source}\\s+(http\\S+)`).exec(line)?.[1]) });
	try {
		await bin.waitUntil(async () => url !== undefined, 30_000, 'its banner');
	} catch (error) {
		await bin.stop();
		throw error;
	}
	return { url: url as string, bin };
}

describe('smartflo-graphql with smartflo-sandbox, both tarballs installed with plain `npm i` into an empty folder', () => {
	let installDir: string;
	let cli: string;

	beforeAll(async () => {
		const tarballs = [await pack('sandbox'), await pack('graphql')];
		installDir = join(workDir, 'graphql-user');
		mkdirSync(installDir);
		const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...tarballs], {
			cwd: installDir,
			encoding: 'utf8',
			env: systemEnv(),
			timeout: 240_000,
		});
		if (install.status !== 0) throw new Error(`npm i failed:\n${install.stderr}`);
		cli = join(installDir, 'node_modules', 'smartflo-graphql', 'dist', 'graphql', 'cli.js');
		sizes['smartflo-graphql + smartflo-sandbox fresh install (node_modules)'] = kB(diskUsage(join(installDir, 'node_modules')));
	}, 300_000);

	it('installs without n8n: no n8n, n8n-workflow or isolated-vm, with the system npm', () => {
		const installed = readdirSync(join(installDir, 'node_modules'));
		expect(installed).toContain('smartflo-graphql');
		expect(installed).toEqual(expect.arrayContaining(['graphql-yoga', 'undici', 'graphql']));
		expect(installed.filter((name) => /^n8n|isolated-vm/.test(name))).toEqual([]);
		expect(spawnSync('npm', ['ls', '--all', 'n8n-workflow'], { cwd: installDir, encoding: 'utf8', env: systemEnv() }).stdout).not.toContain(
			'n8n-workflow@',
		);
	});

	it('uses the installed smartflo-sandbox and ships no copy of it', () => {
		expect(readdirSync(join(installDir, 'node_modules'))).toContain('smartflo-sandbox');
		const shipped = readdirSync(join(installDir, 'node_modules', 'smartflo-graphql', 'dist'));
		expect(shipped).toContain('graphql');
		expect(shipped).not.toContain('sandbox');
	});

	it('`smartflo-graphql --sandbox` answers a login on Node 24', async () => {
		const { url: endpoint, bin } = await startBin(process.execPath, [cli, '--sandbox', '--port', '0'], /GraphQL endpoint/, process.env);
		try {
			const response = await fetch(endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){ok token{accessToken expiresIn}}}',
					variables: { e: DEMO_ACCOUNT.email, p: DEMO_ACCOUNT.password },
				}),
			});
			const { data } = (await response.json()) as { data: { login: { ok: boolean; token: { accessToken: string; expiresIn: number } } } };
			expect(data.login.ok).toBe(true);
			expect(data.login.token.accessToken.split('.')).toHaveLength(3);
			expect(data.login.token.expiresIn).toBe(3600);
		} finally {
			await bin.stop();
		}
	}, 60_000);

	it('`smartflo-sandbox`, the bin npm linked, answers a login on Node 24', async () => {
		const sandboxBin = join(installDir, 'node_modules', '.bin', 'smartflo-sandbox');
		const node24 = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH].join(delimiter) };
		const { url, bin } = await startBin(sandboxBin, ['--port', '0'], /Smartflo sandbox listening on/, node24);
		try {
			const response = await fetch(`${url}/v1/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
			});
			const body = (await response.json()) as { success: boolean; access_token: string };
			expect(response.status).toBe(200);
			expect(body.success).toBe(true);
			expect(body.access_token.split('.')).toHaveLength(3);
		} finally {
			await bin.stop();
		}
	}, 60_000);

	it('`smartflo-graphql --help` on the system Node: the help, or on a Node older than 22 a clear refusal', () => {
		const systemNode = join(systemNodeDir(), 'node');
		const major = Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
		const run = spawnSync(systemNode, [cli, '--help'], { encoding: 'utf8', timeout: 30_000 });
		if (major >= 22) {
			// This machine's Node is new enough (as on CI runners with Node 22): the refusal cannot be shown here.
			expect(run.stderr).not.toMatch(/needs Node\.js/);
			expect(run.status).toBe(0);
			expect(run.stdout).toBe(helpText());
		} else {
			expect(run.status).toBe(1);
			expect(run.stderr).toBe(
				`smartflo-graphql needs Node.js 22 or newer; this is ${execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim()}.\n`,
			);
		}
	}, 40_000);
});

describe('n8n-nodes-smartflo, installed the way n8n installs a community package', () => {
	it('lands alone in nodes/node_modules: no dependency is installed with it', async () => {
		const tarball = await pack();
		const nodesDir = join(workDir, 'n8n-user', '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		await installLikeN8n(tarball, nodesDir, systemEnv());
		expect(readdirSync(join(nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['n8n-nodes-smartflo']);
		sizes['n8n-nodes-smartflo fresh install (nodes/node_modules)'] = kB(diskUsage(join(nodesDir, 'node_modules')));
	}, 120_000);
});
