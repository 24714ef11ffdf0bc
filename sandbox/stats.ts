import { isApiPath } from './http-utils';
import type { SandboxStats } from './types';

export type Outcome = 'logins' | 'failedLogins' | 'refreshes' | 'rejectedTokens' | 'faultsApplied';

/**
 * Counting rule: a request is counted once when it arrives, by the path it aims at (login attempt,
 * refresh attempt or API request), whatever happens to it next: faults, rejections and 404s included.
 * Outcomes (logins, failedLogins, refreshes, rejectedTokens) are counted only when the sandbox really
 * decided them, so a login answered by an injected fault is an attempt but neither a login nor a failure.
 */
export class StatsRecorder {
	private counters = emptyStats();

	arrival(pathname: string, routeKey: string): void {
		const counters = this.counters;
		counters.requests += 1;
		counters.byPath[routeKey] = (counters.byPath[routeKey] ?? 0) + 1;
		if (pathname === '/v1/auth/login') counters.loginAttempts += 1;
		else if (pathname === '/v1/auth/refresh') counters.refreshAttempts += 1;
		else if (isApiPath(pathname)) counters.apiRequests += 1;
	}

	outcome(name: Outcome): void {
		this.counters[name] += 1;
	}

	response(status: number): void {
		this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
	}

	snapshot(): SandboxStats {
		return { ...this.counters, byPath: { ...this.counters.byPath }, byStatus: { ...this.counters.byStatus } };
	}

	reset(): void {
		this.counters = emptyStats();
	}
}

function emptyStats(): SandboxStats {
	return {
		requests: 0,
		loginAttempts: 0,
		logins: 0,
		failedLogins: 0,
		refreshAttempts: 0,
		refreshes: 0,
		apiRequests: 0,
		rejectedTokens: 0,
		faultsApplied: 0,
		byPath: {},
		byStatus: {},
	};
}
