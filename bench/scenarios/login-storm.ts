import { TokenSession } from '../../src/auth';
import { SmartfloAuthClient } from '../../graphql/runtime/node-client';
import { createUndiciTransport } from '../../graphql/runtime/undici-transport';
import type { BenchContext } from '../context';
import { BENCH_PASSWORD, benchEmail } from '../fixtures/accounts';
import { countUpstreamLogins } from '../load/sandbox-stats';
import { acrossRounds, median, percentile, ratio, type AcrossRounds } from '../stats';

const DIRECT_LOGINS_PER_ROUND = 20;

export interface LoginStormResult {
	callers: number;
	/** Upstream logins per storm, each round (goal: 1). */
	upstreamLogins: number[];
	directLoginMs: AcrossRounds;
	timeToTokenP50Ms: AcrossRounds;
	timeToTokenP99Ms: AcrossRounds;
	/** Time to issue the calls (synchronous; the login's answer cannot be read before it ends). */
	issueAllCallsMs: AcrossRounds;
	/** Storm p50 / direct login, and p99 / direct login. */
	p50VsDirect: number;
	p99VsDirect: number;
}

/**
 * 1,000 concurrent getToken() calls on a cold TokenSession, against one direct client.login() on the
 * same warmed-up keep-alive transport: the single-flight should make the storm cost one login.
 */
export async function runLoginStorm({ sandbox, settings, progress }: BenchContext): Promise<LoginStormResult> {
	const upstreamLogins: number[] = [];
	const direct: number[] = [];
	const p50: number[] = [];
	const p99: number[] = [];
	const issue: number[] = [];
	for (let round = 0; round < settings.rounds; round++) {
		const transport = createUndiciTransport();
		const client = new SmartfloAuthClient({ baseUrl: sandbox.url, transport });
		const credentials = { email: benchEmail(round), password: BENCH_PASSWORD };
		try {
			await client.login(credentials);
			const directTimes: number[] = [];
			for (let i = 0; i < DIRECT_LOGINS_PER_ROUND; i++) {
				const startedAt = performance.now();
				await client.login(credentials);
				directTimes.push(performance.now() - startedAt);
			}
			direct.push(median(directTimes));

			const session = new TokenSession({ client, ...credentials });
			const { result, logins } = await countUpstreamLogins(sandbox.url, () => storm(session, settings.stormCallers));
			const { timesToToken, issuedAfterMs } = result;
			upstreamLogins.push(logins);
			issue.push(issuedAfterMs);
			p50.push(percentile(timesToToken, 50));
			p99.push(percentile(timesToToken, 99));
			progress(
				`login storm round ${round + 1}: ${logins} upstream login(s), p50 ${p50[round].toFixed(2)} ms, direct ${direct[round].toFixed(2)} ms`,
			);
		} finally {
			await transport.close();
		}
	}
	const directLoginMs = acrossRounds(direct);
	const timeToTokenP50Ms = acrossRounds(p50);
	const timeToTokenP99Ms = acrossRounds(p99);
	return {
		callers: settings.stormCallers,
		upstreamLogins,
		directLoginMs,
		timeToTokenP50Ms,
		timeToTokenP99Ms,
		issueAllCallsMs: acrossRounds(issue),
		p50VsDirect: ratio(timeToTokenP50Ms.median, directLoginMs.median),
		p99VsDirect: ratio(timeToTokenP99Ms.median, directLoginMs.median),
	};
}

/** Milliseconds from the start of the storm until each caller held its token, and until all calls were issued. */
async function storm(session: TokenSession, callers: number): Promise<{ timesToToken: number[]; issuedAfterMs: number }> {
	const startedAt = performance.now();
	const calls = Array.from({ length: callers }, () => session.getToken().then(() => performance.now() - startedAt));
	const issuedAfterMs = performance.now() - startedAt;
	return { timesToToken: await Promise.all(calls), issuedAfterMs };
}
