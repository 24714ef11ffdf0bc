import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPOSITORY = resolve(__dirname, '..', '..');

export interface PackedPackage {
	/** The tarball. */
	path: string;
	/** Every file in it, as npm lists them (package.json, dist/…). */
	files: string[];
	/** Bytes of the tarball. */
	size: number;
	/** Bytes of its files unpacked. */
	unpackedSize: number;
}

/** `npm pack` of this repository, or of one of its workspaces, into `destination`; prepack builds it first. */
export async function npmPack(destination: string, { workspace }: { workspace?: string } = {}): Promise<PackedPackage> {
	mkdirSync(destination, { recursive: true });
	const workspaceArgs = workspace === undefined ? [] : ['--workspace', workspace];
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination, ...workspaceArgs], {
		cwd: REPOSITORY,
		maxBuffer: 16 * 1024 * 1024,
	});
	// prepack's build output comes first on stdout; the JSON report follows.
	const [packed] = JSON.parse(stdout.slice(stdout.search(/^\[\s*\{/m))) as Array<{
		filename: string;
		files: Array<{ path: string }>;
		size: number;
		unpackedSize: number;
	}>;
	return {
		path: join(destination, packed.filename),
		files: packed.files.map((file) => file.path),
		size: packed.size,
		unpackedSize: packed.unpackedSize,
	};
}
