// Sends a flood of GraphQL requests from a worker thread, so that the client does not compete with
// the server under test for the main thread. Plain ESM: worker threads do not go through jest.
import { parentPort, workerData } from 'node:worker_threads';

import { Agent, request } from 'undici';

/** '{i}' in a pattern becomes the request's index; octets are spread over 10.0.0.0/8 by '{ip}'. */
function expand(pattern, index) {
	const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
	return pattern.replaceAll('{i}', String(index)).replaceAll('{ip}', ip);
}

const { url, total, concurrency, query, variables, headers } = workerData;
const agent = new Agent({ connections: concurrency });
const replies = new Array(total);
let next = 0;

async function client() {
	while (next < total) {
		const index = next++;
		const expandedVariables = Object.fromEntries(Object.entries(variables).map(([name, pattern]) => [name, expand(pattern, index)]));
		const expandedHeaders = Object.fromEntries(Object.entries(headers).map(([name, pattern]) => [name, expand(pattern, index)]));
		try {
			const response = await request(`${url}/graphql`, {
				dispatcher: agent,
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...expandedHeaders },
				body: JSON.stringify({ query, variables: expandedVariables }),
			});
			const retryAfter = response.headers['retry-after'];
			replies[index] = {
				status: response.statusCode,
				retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
				text: await response.body.text(),
			};
		} catch (error) {
			replies[index] = { status: 0, retryAfter: null, text: `unanswered: ${String(error)}` };
		}
	}
}

await Promise.all(Array.from({ length: concurrency }, client));
await agent.close();
parentPort.postMessage(replies);
