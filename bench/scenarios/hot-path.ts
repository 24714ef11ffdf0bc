import { TokenSession, authorizationHeader } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import type { HttpRequest } from '../../src/http';
import { createUndiciTransport, type UndiciTransport } from '../../graphql/runtime/undici-transport';
import type { BenchContext } from '../context';
import { BENCH_PASSWORD, benchEmail } from '../fixtures/accounts';
import { acrossRounds, median, ratio, type AcrossRounds } from '../stats';

const API_PATH = '/v1/my_number';

export interface HotPathResult {
	getTokenOpsPerSecond: AcrossRounds;
	/** The floor for any async getter: awaiting an already-known value. */
	awaitFloorOpsPerSecond: AcrossRounds;
	/** What authentication adds to one request on the client: getToken() + building the header. */
	authWorkNsPerRequest: AcrossRounds;
	/** Median latency of each variant, one request at a time. */
	authenticatedUsPerRequest: AcrossRounds;
	preparedUsPerRequest: AcrossRounds;
	/** authenticated / prepared, per round (goal ≤ 1.05). */
	authOverheadRatio: AcrossRounds;
}

/**
 * Warm-session getToken() throughput, and the cost of authentication per request: the same
 * `GET /v1/my_number` through the same transport and the same upstream work (the sandbox checks the
 * same token either way), once with `getToken()` + building the Authorization header per request
 * and once with the headers prepared ahead. The ratio is what authentication adds on the client.
 */
export async function runHotPath({ sandbox, settings, progress }: BenchContext): Promise<HotPathResult> {
	const transport = createUndiciTransport();
	try {
		const client = new SmartfloAuthClient({ baseUrl: sandbox.url, transport });
		const session = new TokenSession({ client, email: benchEmail(0), password: BENCH_PASSWORD });
		const token = await session.getToken();
		const preparedHeaders = { Accept: 'application/json', Authorization: authorizationHeader(token) };
		const url = `${sandbox.url}${API_PATH}`;
		const authenticatedHeaders = async () => ({ Accept: 'application/json', Authorization: authorizationHeader(await session.getToken()) });
		const authenticated = async () =>
			expectOk(transport, { method: 'GET', url, headers: await authenticatedHeaders(), timeoutMs: client.timeoutMs });
		const prepared = () => expectOk(transport, { method: 'GET', url, headers: preparedHeaders, timeoutMs: client.timeoutMs });

		// Warm-up: the JIT has compiled both paths and getToken() before the first round.
		await compareInterleaved(settings.hotPathRequests, authenticated, prepared);
		await opsPerSecond(settings.hotPathCalls, () => session.getToken());

		const getTokenOps: number[] = [];
		const floorOps: number[] = [];
		const authWorkNs: number[] = [];
		const authUs: number[] = [];
		const preparedUs: number[] = [];
		const ratios: number[] = [];
		for (let round = 0; round < settings.rounds; round++) {
			getTokenOps.push(await opsPerSecond(settings.hotPathCalls, () => session.getToken()));
			floorOps.push(await opsPerSecond(settings.hotPathCalls, async () => token));
			authWorkNs.push(1e9 / (await opsPerSecond(settings.hotPathCalls, authenticatedHeaders)));
			// Which variant goes first in each pair alternates between rounds.
			const compared =
				round % 2 === 0
					? await compareInterleaved(settings.hotPathRequests, authenticated, prepared)
					: swap(await compareInterleaved(settings.hotPathRequests, prepared, authenticated));
			authUs.push(compared.a * 1000);
			preparedUs.push(compared.b * 1000);
			ratios.push(compared.ratio);
			progress(
				`hot path round ${round + 1}: getToken ${Math.round(getTokenOps[round]).toLocaleString('en')} ops/s, auth/prepared ${ratios[round].toFixed(3)}`,
			);
		}
		return {
			getTokenOpsPerSecond: acrossRounds(getTokenOps),
			awaitFloorOpsPerSecond: acrossRounds(floorOps),
			authWorkNsPerRequest: acrossRounds(authWorkNs),
			authenticatedUsPerRequest: acrossRounds(authUs),
			preparedUsPerRequest: acrossRounds(preparedUs),
			authOverheadRatio: acrossRounds(ratios),
		};
	} finally {
		await transport.close();
	}
}

async function expectOk(transport: UndiciTransport, request: HttpRequest): Promise<void> {
	const response = await transport.request(request);
	if (response.status !== 200) throw new Error(`${request.method} ${API_PATH}: HTTP ${response.status}`);
}

async function opsPerSecond(calls: number, operation: () => Promise<unknown>): Promise<number> {
	const startedAt = performance.now();
	for (let i = 0; i < calls; i++) await operation();
	return calls / ((performance.now() - startedAt) / 1000);
}

/**
 * `requests` of each variant, one at a time and interleaved request by request (A B A B …), so that
 * a slow moment of the shared machine lands on both alike; each variant's median latency, and their ratio.
 */
async function compareInterleaved(
	requests: number,
	a: () => Promise<void>,
	b: () => Promise<void>,
): Promise<{ a: number; b: number; ratio: number }> {
	const aTimes: number[] = [];
	const bTimes: number[] = [];
	for (let i = 0; i < requests; i++) {
		for (const [send, times] of [
			[a, aTimes],
			[b, bTimes],
		] as const) {
			const startedAt = performance.now();
			await send();
			times.push(performance.now() - startedAt);
		}
	}
	const aMedian = median(aTimes);
	const bMedian = median(bTimes);
	return { a: aMedian, b: bMedian, ratio: ratio(aMedian, bMedian) };
}

function swap(compared: { a: number; b: number; ratio: number }): { a: number; b: number; ratio: number } {
	return { a: compared.b, b: compared.a, ratio: 1 / compared.ratio };
}
