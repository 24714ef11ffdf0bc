import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { npmPack } from '../helpers/npm-pack';

/**
 * The n8n package as npm publishes it, checked by n8n's own verification scanner
 * (@n8n/scan-community-package, its exported analyzePackage): the tarball leg lints every .js, .ts and
 * .json of the packed package, the source leg what `n8n-node lint` covers (package.json, nodes/,
 * credentials/). n8n Cloud only installs packages that pass both.
 */
const repo = resolve(__dirname, '../..');
let workDir: string;
let packageDir: string;
let packedFiles: string[];

interface ScanResult {
	passed: boolean;
	errors: number;
	details: string;
}

/** Runs the scanner's analyzePackage in its own Node process (it is an ES module with its own ESLint). */
function analyze(dir: string, leg: 'tarball' | 'source'): ScanResult {
	const script = `
		import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
		const result = ${leg === 'source' ? 'await analyzePackage(process.argv[1], SOURCE_FILE_PATTERNS)' : 'await analyzePackage(process.argv[1])'};
		process.stdout.write(JSON.stringify({ passed: result.passed, message: result.message ?? '', details: result.details ?? '' }));
	`;
	// eslint-plugin-n8n-nodes-base treats every file as every kind of node when NODE_ENV is "test" (as jest sets it).
	const env = { ...process.env, NODE_ENV: 'production' };
	const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], {
		cwd: repo,
		encoding: 'utf8',
		env,
		timeout: 120_000,
	});
	if (child.status !== 0) throw new Error(`the scanner failed to run: ${child.stderr}`);
	const { passed, message, details } = JSON.parse(child.stdout) as { passed: boolean; message: string; details: string };
	const errors = passed ? 0 : Number(/\((\d+) errors?/.exec(details)?.[1] ?? Number.NaN);
	return { passed, errors, details: details || message };
}

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'smartflo-n8n-pack-'));
	// `npm pack` runs prepack, which builds the n8n package from the current sources.
	const packed = await npmPack(workDir);
	packedFiles = packed.files;
	packageDir = join(workDir, 'package');
	execFileSync('tar', ['-xzf', packed.path, '-C', workDir]);
}, 120_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it('tarball leg: 0 errors on every file of the packed n8n package', () => {
	const result = analyze(packageDir, 'tarball');
	expect(result.details).toBe('');
	expect(result).toMatchObject({ passed: true, errors: 0 });
}, 120_000);

it('source leg: 0 errors on package.json, nodes/ and credentials/', () => {
	const result = analyze(repo, 'source');
	expect(result.details).toBe('');
	expect(result).toMatchObject({ passed: true, errors: 0 });
}, 120_000);

it('the scanner does find what n8n Cloud forbids: a timer, process and an undici import in a shipped file', () => {
	const tampered = join(workDir, 'tampered');
	cpSync(packageDir, tampered, { recursive: true });
	writeFileSync(
		join(tampered, 'dist/src/auth/tampered.js'),
		"'use strict';\nconst { request } = require('undici');\nsetTimeout(() => request(process.env.URL), 1);\n",
	);
	const result = analyze(tampered, 'tarball');
	expect(result.passed).toBe(false);
	expect(result.details).toMatch(/no-restricted-globals/);
	expect(result.details).toMatch(/no-restricted-imports/);
}, 120_000);

it('ships the credential, the node and the core they use, and nothing of the GraphQL package', () => {
	expect(packedFiles).toEqual(
		expect.arrayContaining([
			'package.json',
			'LICENSE',
			'README.md',
			'dist/credentials/SmartfloApi.credentials.js',
			'dist/nodes/Smartflo/Smartflo.node.js',
		]),
	);
	const unexpected = packedFiles.filter(
		(file) => !['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'].includes(file) && !file.startsWith('dist/'),
	);
	expect(unexpected).toEqual([]);
	expect(packedFiles.filter((file) => /graphql|sandbox|undici|runtime\/|\.d\.ts$|\.map$/.test(file))).toEqual([]);
});

it('declares no dependencies, n8n-workflow as its only peer, and every file its n8n section names', () => {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(manifest.optionalDependencies ?? {}).toEqual({});
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	for (const file of [...manifest.n8n.credentials, ...manifest.n8n.nodes]) expect(packedFiles).toContain(file);
	expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
	// n8n 1.x runs on Node 20.19 and later: nothing in the manifest may refuse it.
	expect(manifest.engines.node).toBe('>=20.19');
});
