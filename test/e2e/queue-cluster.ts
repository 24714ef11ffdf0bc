import { join } from 'node:path';

import { startRedisServer, type RedisServer } from '../scale/redis-server';
import { installLikeN8n } from './install-package';
import { N8nServer } from './n8n-server';
import { N8nWorker } from './n8n-worker';
import { startPostgres, type PostgresServer } from './postgres';

export interface QueueClusterOptions {
	/** The folder install-n8n.sh installed n8n and Node into. */
	cacheDir: string;
	/** Where each process's user folder goes; the caller removes it. */
	workDir: string;
	/** The packed n8n package, installed into every process's user folder as n8n installs it. */
	tarball: string;
	workers: number;
	/** Jobs each worker runs at once. */
	concurrencyPerWorker: number;
	/** Environment of one process of its own (e.g. its proxy): 'main', or the worker's index. */
	processEnv?: (process: 'main' | number) => Record<string, string>;
}

export interface QueueCluster {
	postgres: PostgresServer;
	redis: RedisServer;
	main: N8nServer;
	workers: N8nWorker[];
	/** Stops the workers, the main process, Redis and Postgres, in that order, and deletes their data. */
	stop(): Promise<void>;
}

/**
 * n8n in queue mode on one machine: Postgres and Redis, the main process (UI, API, webhooks; it puts
 * executions on the queue) and `workers` worker processes that run them. Everything on loopback.
 * If any part fails to start, what was started is stopped again before the error is thrown.
 */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const started: { postgres?: PostgresServer; redis?: RedisServer; main?: N8nServer; workers: N8nWorker[] } = { workers: [] };
	const stop = () =>
		stopInOrder([
			...started.workers.map((worker) => () => worker.stop()),
			() => started.main?.stop(),
			() => started.redis?.stop(),
			() => started.postgres?.stop(),
		]);
	try {
		const [postgresStart, redisStart] = await Promise.allSettled([startPostgres(), startRedisServer()]);
		if (postgresStart.status === 'fulfilled') started.postgres = postgresStart.value;
		if (redisStart.status === 'fulfilled') started.redis = redisStart.value;
		if (postgresStart.status === 'rejected') throw postgresStart.reason;
		if (redisStart.status === 'rejected') throw redisStart.reason;
		const { postgres, redis } = started as { postgres: PostgresServer; redis: RedisServer };
		const queueEnv = queueModeEnv(postgres, redis);
		const processEnv = options.processEnv ?? (() => ({}));

		const main = await N8nServer.create({
			cacheDir: options.cacheDir,
			userFolder: join(options.workDir, 'main'),
			env: { ...queueEnv, ...processEnv('main') },
		});
		started.main = main;
		await installLikeN8n(options.tarball, main.nodesDir, process.env);
		// The main process runs the database migrations; workers start on a migrated database.
		await main.start();

		for (let index = 0; index < options.workers; index++) {
			const worker = await N8nWorker.create({
				cacheDir: options.cacheDir,
				userFolder: join(options.workDir, `worker-${index + 1}`),
				concurrency: options.concurrencyPerWorker,
				env: { ...queueEnv, ...processEnv(index) },
				name: `worker ${index + 1}`,
			});
			started.workers.push(worker);
			await installLikeN8n(options.tarball, worker.nodesDir, process.env);
		}
		await Promise.all(started.workers.map((worker) => worker.start()));
		return { postgres, redis, main, workers: started.workers, stop };
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

/** What main and workers share: queue mode, the Redis of the queue, the Postgres database. */
function queueModeEnv(postgres: PostgresServer, redis: RedisServer): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...postgres.n8nEnv,
	};
}

/** Runs every step, in order, even after one fails; then throws the failures together. */
async function stopInOrder(steps: Array<() => Promise<void> | undefined>): Promise<void> {
	const failures: unknown[] = [];
	for (const step of steps) {
		try {
			await step();
		} catch (error) {
			failures.push(error);
		}
	}
	if (failures.length > 0) throw new AggregateError(failures, 'stopping the queue-mode cluster failed');
}
