import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { npmPack } from '../helpers/npm-pack';

const run = promisify(execFile);

/**
 * The packed n8n package: the tarball test/e2e/run.sh packed once for every suite and n8n version
 * (SMARTFLO_E2E_TARBALL), else `npm pack` of this repository (prepack builds it) into `destination`.
 */
export async function packThisPackage(destination: string): Promise<string> {
	return process.env.SMARTFLO_E2E_TARBALL || (await npmPack(destination)).path;
}

/**
 * Installs a packed tarball into n8n's community-package folder exactly as n8n's own installer
 * (Settings → Community nodes) does it: unpack into nodes/node_modules/<name>, drop dev, peer and
 * optional dependencies from its package.json, `npm install` its runtime dependencies with n8n's
 * flags, and record it in nodes/package.json.
 */
export async function installLikeN8n(tarball: string, nodesDir: string, env: NodeJS.ProcessEnv): Promise<string> {
	const manifest = JSON.parse((await run('tar', ['-xzOf', tarball, 'package/package.json'], { maxBuffer: 1024 * 1024 })).stdout) as Record<
		string,
		unknown
	> & { name: string; version: string };
	const packageDir = join(nodesDir, 'node_modules', manifest.name);
	mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...runtimeManifest } = manifest;
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(runtimeManifest, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env, maxBuffer: 16 * 1024 * 1024 },
	);

	const nodesManifestPath = join(nodesDir, 'package.json');
	let nodesManifest: { name: string; private: boolean; dependencies: Record<string, string> };
	try {
		nodesManifest = JSON.parse(readFileSync(nodesManifestPath, 'utf8'));
	} catch {
		nodesManifest = { name: 'installed-nodes', private: true, dependencies: {} };
	}
	nodesManifest.dependencies[manifest.name] = manifest.version;
	writeFileSync(nodesManifestPath, JSON.stringify(nodesManifest, null, 2));
	return packageDir;
}
