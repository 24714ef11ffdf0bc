import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * What runs inside n8n (the compiled credential and nodes, the package's entry index.ts, and every file of
 * this package they pull in) may require only n8n-workflow, Node's built-ins and the package's own files: no
 * undici, no GraphQL, nothing n8n does not provide. Compiled here with the build's tsconfig from the entry points,
 * so the check always covers the current source, on a clean checkout too.
 */
const repo = resolve(__dirname, '../..');
const ENTRY_POINTS = [
	'index.ts',
	'credentials/SmartfloApi.credentials.ts',
	'nodes/Smartflo/Smartflo.node.ts',
	'nodes/Smartflo/SmartfloTrigger.node.ts',
	'nodes/Smartflo/SmartfloCallRecordTrigger.node.ts',
];
const ALLOWED_PACKAGES = new Set(['n8n-workflow']);
const BUILTINS = new Set(builtinModules);

let outDir: string;

beforeAll(() => {
	outDir = mkdtempSync(join(tmpdir(), 'smartflo-n8n-build-'));
	const configPath = join(repo, 'tsconfig.build.json');
	const config = ts.getParsedCommandLineOfConfigFile(
		configPath,
		{ outDir, noEmit: false, declaration: false, sourceMap: false },
		{
			...ts.sys,
			onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
				throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
			},
		},
	)!;
	const program = ts.createProgram(
		ENTRY_POINTS.map((entry) => join(repo, entry)),
		config.options,
	);
	const result = program.emit();
	expect(result.emitSkipped).toBe(false);
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listFiles(path) : [path];
	});
}

/** The specifiers a compiled CommonJS file requires. */
function requiresOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const specifiers = [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
	if (/\brequire\(\s*[^"'`\s)]/.test(source) || /\bimport\(/.test(source)) specifiers.push('<dynamic require or import>');
	return specifiers;
}

function resolveLocal(from: string, specifier: string): string {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [base, `${base}.js`, join(base, 'index.js'), `${base}.json`]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// try the next candidate
		}
	}
	throw new Error(`${relative(outDir, from)} requires ${specifier}, which was not emitted`);
}

/** Every file reachable from the entry points, and every non-local require with the file asking for it. */
function walk(): { visited: Set<string>; external: Array<{ file: string; specifier: string }> } {
	const visited = new Set<string>();
	const external: Array<{ file: string; specifier: string }> = [];
	const pending = ENTRY_POINTS.map((entry) => join(outDir, entry.replace(/\.ts$/, '.js')));
	while (pending.length > 0) {
		const file = pending.pop()!;
		if (visited.has(file)) continue;
		visited.add(file);
		if (file.endsWith('.json')) continue;
		for (const specifier of requiresOf(file)) {
			if (specifier.startsWith('.')) pending.push(resolveLocal(file, specifier));
			else external.push({ file: relative(outDir, file), specifier });
		}
	}
	return { visited, external };
}

it('requires only n8n-workflow and Node built-ins, through every file it reaches', () => {
	const { visited, external } = walk();
	const forbidden = external.filter(({ specifier }) => {
		const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
		return !ALLOWED_PACKAGES.has(name) && !BUILTINS.has(specifier.replace(/^node:/, ''));
	});
	expect(forbidden).toEqual([]);
	// The walk really went into the shared core.
	const reached = [...visited].map((file) => relative(outDir, file));
	expect(reached).toEqual(
		expect.arrayContaining([
			'src/auth/client.js',
			'src/api/answer.js',
			'src/n8n/request-helper-transport.js',
			'src/n8n/credential-session.js',
		]),
	);
	expect(reached.some((file) => /undici|graphql|sandbox/.test(file))).toBe(false);
	expect(external.map(({ specifier }) => specifier)).not.toEqual(expect.arrayContaining(['undici', 'graphql']));
});

it('checks every file under credentials/ and nodes/ that the build ships', () => {
	const { visited } = walk();
	const sources = ['credentials', 'nodes'].flatMap((dir) => listFiles(join(repo, dir))).filter((file) => file.endsWith('.ts'));
	const unchecked = sources.map((file) => join(outDir, relative(repo, file)).replace(/\.ts$/, '.js')).filter((file) => !visited.has(file));
	expect(unchecked.map((file) => relative(outDir, file))).toEqual([]);
});

it('loads in a plain Node process that can resolve nothing but n8n-workflow', () => {
	const script = `
		const Module = require('node:module');
		const load = Module._load;
		const builtins = new Set(Module.builtinModules);
		Module._load = function (request, parent, isMain) {
			const bare = !request.startsWith('.') && !request.startsWith('/');
			const ownCode = parent && parent.filename && parent.filename.startsWith(${JSON.stringify(outDir)});
			if (bare && ownCode && request !== 'n8n-workflow' && !builtins.has(request.replace(/^node:/, ''))) {
				throw new Error('forbidden require: ' + request + ' from ' + parent.filename);
			}
			return load.apply(this, arguments);
		};
		const { SmartfloApi } = require(${JSON.stringify(join(outDir, 'credentials/SmartfloApi.credentials.js'))});
		const { Smartflo } = require(${JSON.stringify(join(outDir, 'nodes/Smartflo/Smartflo.node.js'))});
		const node = new Smartflo();
		process.stdout.write(JSON.stringify([new SmartfloApi().name, node.description.name, Object.keys(node.methods.loadOptions).length]));
	`;
	const child = spawnSync(process.execPath, ['-e', script], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '', NODE_PATH: join(repo, 'node_modules') },
		timeout: 30_000,
	});
	expect(child.stderr).toBe('');
	expect(JSON.parse(child.stdout)).toEqual(['smartfloApi', 'smartflo', 11]);
});
