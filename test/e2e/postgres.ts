import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from '../helpers/fake-server';

const run = promisify(execFile);
const DEBIAN_POSTGRES = '/usr/lib/postgresql';
const START_TIMEOUT_SECONDS = 60;

export interface PostgresServer {
	host: string;
	port: number;
	database: string;
	user: string;
	/** n8n's DB_* settings for this database. */
	n8nEnv: Record<string, string>;
	/** Stops the server and deletes its data folder; safe to call twice. */
	stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL from the Debian package (`postgresql`): a fresh cluster in a temporary folder,
 * listening on a free port of 127.0.0.1 only, with one password-protected database. Postgres refuses to
 * run as root, so as root the cluster belongs to, and runs as, the `postgres` user the package creates.
 */
export async function startPostgres(): Promise<PostgresServer> {
	const bin = postgresBinDir();
	const asRoot = userInfo().uid === 0;
	const home = mkdtempSync(join(tmpdir(), 'smartflo-e2e-postgres-'));
	const dataDir = join(home, 'data');
	const passwordFile = join(home, 'password');
	const password = randomBytes(18).toString('base64url');
	const port = await freePort();
	const server: PostgresServer = {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: password,
		},
		stop: async () => {
			try {
				if (existsSync(join(dataDir, 'postmaster.pid'))) await pg(bin, asRoot, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(home, { recursive: true, force: true });
			}
		},
	};
	try {
		writeFileSync(passwordFile, password, { mode: 0o600 });
		if (asRoot) {
			const postgresUser = await idOf('postgres');
			chownSync(home, postgresUser.uid, postgresUser.gid);
			chownSync(passwordFile, postgresUser.uid, postgresUser.gid);
		}
		chmodSync(home, 0o700);
		await pg(bin, asRoot, 'initdb', [
			'-D',
			dataDir,
			'-U',
			'n8n',
			`--pwfile=${passwordFile}`,
			'--auth-local=scram-sha-256',
			'--auth-host=scram-sha-256',
			'-E',
			'UTF8',
			'--no-instructions',
		]);
		rmSync(passwordFile);
		// The socket goes into the private folder, not the system's /var/run/postgresql.
		const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${home} -c fsync=off`;
		await pg(bin, asRoot, 'pg_ctl', [
			'-D',
			dataDir,
			'-l',
			join(home, 'server.log'),
			'-o',
			settings,
			'-w',
			'-t',
			String(START_TIMEOUT_SECONDS),
			'start',
		]);
		await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], {
			env: { ...process.env, PGPASSWORD: password },
		});
		return server;
	} catch (error) {
		await server.stop().catch(() => undefined);
		throw error;
	}
}

/** The newest Debian PostgreSQL's bin folder. */
function postgresBinDir(): string {
	const versions = existsSync(DEBIAN_POSTGRES)
		? readdirSync(DEBIAN_POSTGRES)
				.filter((name) => existsSync(join(DEBIAN_POSTGRES, name, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) throw new Error(`No PostgreSQL in ${DEBIAN_POSTGRES}: install the Debian package postgresql (.ci/run does)`);
	return join(DEBIAN_POSTGRES, versions[0], 'bin');
}

/** A PostgreSQL server tool, run as the postgres user when we are root. */
async function pg(bin: string, asRoot: boolean, tool: string, args: string[]): Promise<void> {
	const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
	try {
		await run(command, commandArgs, { cwd: '/', timeout: (START_TIMEOUT_SECONDS + 30) * 1000 });
	} catch (error) {
		const failed = error as { stdout?: string; stderr?: string; message: string };
		throw new Error(`${tool} failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
	}
}

async function idOf(user: string): Promise<{ uid: number; gid: number }> {
	const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
