import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

type Probe = { filePath: string; code: string };

/** Rule IDs ESLint reports on a made-up file at a path of the repository. */
const PROBES: Record<string, Probe> = {
	timerInNode: { filePath: 'nodes/Smartflo/probe.ts', code: 'export const later = () => setTimeout(() => undefined, 1);\n' },
	processInCore: { filePath: 'src/auth/probe.ts', code: 'export const home = process.env.HOME;\n' },
	undiciInAdapter: { filePath: 'src/n8n/probe.ts', code: "import { request } from 'undici';\nexport { request };\n" },
	timerInNewCoreFolder: { filePath: 'src/new-folder/probe.ts', code: 'export const later = () => setTimeout(() => undefined, 1);\n' },
	undiciInServerRuntime: { filePath: 'graphql/runtime/probe.ts', code: "import { request } from 'undici';\nexport { request };\n" },
	miscasedIdInNode: {
		filePath: 'nodes/Smartflo/actions/user/probe.ts',
		code: "export const p = [{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'The id of the user' }];\n",
	},
	timerInSandbox: { filePath: 'sandbox/probe.ts', code: 'export const later = () => setTimeout(() => undefined, 1);\n' },
};

/**
 * ESLint with the repository's config, in one child process: n8n's community-node rules and
 * eslint-plugin-n8n-nodes-base's sets on nodes/ and credentials/, the Cloud rules on the core (all of src/).
 */
function lint(): { problems: Array<{ file: string; rule: string | null; message: string }>; probes: Record<string, Array<string | null>> } {
	const script = `
		import { ESLint } from 'eslint';
		const eslint = new ESLint({ cwd: ${JSON.stringify(repo)} });
		const results = await eslint.lintFiles(['nodes', 'credentials', 'src', 'package.json']);
		const problems = results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, rule: message.ruleId, message: message.message })));
		const probes = {};
		for (const [name, { filePath, code }] of Object.entries(${JSON.stringify(PROBES)})) {
			const [probe] = await eslint.lintText(code, { filePath });
			probes[name] = probe.messages.map((message) => message.ruleId);
		}
		process.stdout.write(JSON.stringify({ problems, probes }));
	`;
	// eslint-plugin-n8n-nodes-base treats every file as every kind of node when NODE_ENV is "test" (as jest sets it).
	const env = { ...process.env, NODE_ENV: 'production' };
	const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', env, timeout: 60_000 });
	if (child.status !== 0) throw new Error(child.stderr);
	return JSON.parse(child.stdout);
}

it('nodes/, credentials/, the core (src/) and package.json pass n8n’s lint rules, which really apply there', () => {
	const { problems, probes } = lint();
	expect(problems).toEqual([]);
	expect(probes.timerInNode).toContain('@n8n/community-nodes/no-restricted-globals');
	expect(probes.processInCore).toContain('@n8n/community-nodes/no-restricted-globals');
	expect(probes.undiciInAdapter).toContain('@n8n/community-nodes/no-restricted-imports');
	// All of src/ is the core: a folder added there gets the Cloud rules without being listed anywhere.
	expect(probes.timerInNewCoreFolder).toContain('@n8n/community-nodes/no-restricted-globals');
	expect(probes.miscasedIdInNode).toContain('n8n-nodes-base/node-param-description-miscased-id');
	// The GraphQL and sandbox packages keep their timers and dependencies.
	expect(probes.timerInSandbox).toEqual([]);
	expect(probes.undiciInServerRuntime).toEqual([]);
}, 60_000);

it('no rule is switched off inline (n8n’s scanner ignores inline configuration anyway)', () => {
	const disabled = ['nodes', 'credentials', 'src']
		.flatMap((dir) => sourceFiles(join(repo, dir)))
		.filter((file) => /eslint-disable|eslint\s+[\w@/-]+\s*:\s*(0|off)/.test(readFileSync(file, 'utf8')))
		.map((file) => relative(repo, file));
	expect(disabled).toEqual([]);
});
