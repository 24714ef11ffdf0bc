import type { SandboxStats } from '../../sandbox/index';

/** The sandbox's counters, read through its admin API (not counted, never faulted). */
export async function sandboxStats(sandboxUrl: string): Promise<SandboxStats> {
	const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
	if (!response.ok) throw new Error(`sandbox stats: HTTP ${response.status}`);
	return (await response.json()) as SandboxStats;
}

/** Upstream logins (issued tokens) and failed logins that happened while `work` ran. */
export async function countUpstreamLogins<T>(
	sandboxUrl: string,
	work: () => Promise<T>,
): Promise<{ result: T; logins: number; failedLogins: number }> {
	const before = await sandboxStats(sandboxUrl);
	const result = await work();
	const after = await sandboxStats(sandboxUrl);
	return { result, logins: after.logins - before.logins, failedLogins: after.failedLogins - before.failedLogins };
}
