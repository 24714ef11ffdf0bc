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

/** ESLint with the repository's config (n8n's community-node rules on nodes/ and credentials/), in one child process. */
function lint(): { problems: Array<{ file: string; rule: string | null; message: string }>; probeRules: Array<string | null> } {
	const script = `
		import { ESLint } from 'eslint';
		const eslint = new ESLint({ cwd: ${JSON.stringify(repo)} });
		const results = await eslint.lintFiles(['nodes', 'credentials']);
		const [probe] = await eslint.lintText('export const later = () => setTimeout(() => undefined, 1);\\n', { filePath: 'nodes/Smartflo/probe.ts' });
		const problems = results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, rule: message.ruleId, message: message.message })));
		process.stdout.write(JSON.stringify({ problems, probeRules: probe.messages.map((message) => message.ruleId) }));
	`;
	const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
	if (child.status !== 0) throw new Error(child.stderr);
	return JSON.parse(child.stdout);
}

it('nodes/ and credentials/ pass n8n’s community-node lint rules, which really apply there', () => {
	const { problems, probeRules } = lint();
	expect(problems).toEqual([]);
	expect(probeRules).toContain('@n8n/community-nodes/no-restricted-globals');
}, 60_000);

it('no rule is switched off inline (n8n’s scanner ignores inline configuration anyway)', () => {
	const disabled = ['nodes', 'credentials']
		.flatMap((dir) => sourceFiles(join(repo, dir)))
		.filter((file) => /eslint-disable|eslint\s+[\w@/-]+\s*:\s*(0|off)/.test(readFileSync(file, 'utf8')))
		.map((file) => relative(repo, file));
	expect(disabled).toEqual([]);
});
