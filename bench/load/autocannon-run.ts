import autocannon from 'autocannon';

export interface LoadOptions {
	url: string;
	connections: number;
	/** Seconds to run; ignored when `amount` is set. */
	durationSeconds?: number;
	/** Total number of requests to send. */
	amount?: number;
	/** The body of the n-th request (shared counter across connections). */
	body: (n: number) => string;
}

export interface LoadResult {
	/** Bodies built, i.e. the next free `n`: autocannon prepares some requests it never sends. */
	bodiesBuilt: number;
	responses: number;
	/** Responses with a status outside 2xx. */
	non2xx: number;
	errors: number;
	timeouts: number;
	elapsedSeconds: number;
	requestsPerSecond: number;
	/** Every response's latency in milliseconds, sub-millisecond precision. */
	latenciesMs: number[];
}

/**
 * POSTs JSON with autocannon. Latencies are collected from its per-response event: its own histogram
 * records whole milliseconds, too coarse for a sub-millisecond goal.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
	let n = 0;
	const latenciesMs: number[] = [];
	let non2xx = 0;
	const startedAt = performance.now();
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url: options.url,
				connections: options.connections,
				pipelining: 1,
				...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds ?? 5 }),
				timeout: 30,
				requests: [
					{
						method: 'POST',
						headers: { 'content-type': 'application/json', accept: 'application/json' },
						setupRequest: (request) => ({ ...request, body: options.body(n++) }),
					},
				],
			},
			(error, result) => {
				if (error) return reject(error);
				const elapsedSeconds = (performance.now() - startedAt) / 1000;
				resolve({
					bodiesBuilt: n,
					responses: latenciesMs.length,
					non2xx,
					errors: result.errors,
					timeouts: result.timeouts,
					elapsedSeconds,
					requestsPerSecond: latenciesMs.length / elapsedSeconds,
					latenciesMs,
				});
			},
		);
		// At run time the event also carries the client first: (client, statusCode, bytes, responseTime).
		instance.on('response', (...args: unknown[]) => {
			const [statusCode, , responseTime] = args.slice(-3) as [number, number, number];
			if (statusCode < 200 || statusCode >= 300) non2xx++;
			latenciesMs.push(responseTime);
		});
	});
}
