import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface FloodSpec {
	/** The GraphQL server's base URL (POSTs go to /graphql). */
	url: string;
	total: number;
	/** Connections kept busy at once (default 8). */
	concurrency?: number;
	query: string;
	/** Variable values; '{i}' becomes the request's index (0-based), '{ip}' an IPv4 address unique to it. */
	variables: Record<string, string>;
	/** Extra headers, with the same substitutions (e.g. a per-request X-Forwarded-For). */
	headers?: Record<string, string>;
}

export interface FloodReply {
	/** 0 when the request got no HTTP answer. */
	status: number;
	retryAfter: string | null;
	text: string;
}

/** Sends `total` requests from a worker thread and returns every answer, in request order. */
export function flood(spec: FloodSpec): Promise<FloodReply[]> {
	const worker = new Worker(resolve(__dirname, 'flood-worker.mjs'), {
		workerData: { concurrency: 8, headers: {}, ...spec },
	});
	return new Promise((settle, reject) => {
		worker.once('message', (replies: FloodReply[]) => {
			settle(replies);
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`flood worker exited with code ${code} before answering`)));
	});
}
