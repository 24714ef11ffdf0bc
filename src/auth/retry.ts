import { SmartfloError } from './errors';

export interface RetryPolicy {
	/** First backoff step; each retry doubles it (full jitter: a random delay up to the step). */
	baseDelayMs: number;
	/** Largest backoff step. */
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited for: the error goes to the caller at once. */
	maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 200, maxDelayMs: 3_000, maxRetryAfterSeconds: 30 };

/**
 * Only failures where nothing was decided upstream are retried. A rejected login is never retried:
 * Smartflo counts failed attempts. A rejected token is never retried either.
 */
export function isRetryable(error: unknown): error is SmartfloError {
	return (
		error instanceof SmartfloError && (error.code === 'NETWORK_ERROR' || error.code === 'UPSTREAM_ERROR' || error.code === 'RATE_LIMITED')
	);
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based), or null when the server asked for a
 * longer pause than the policy allows.
 */
export function retryDelayMs(
	error: SmartfloError,
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number | null {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	if (error.retryAfterSeconds !== undefined) {
		if (error.retryAfterSeconds > policy.maxRetryAfterSeconds) return null;
		// Never earlier than asked; a little jitter spreads callers that were told the same moment.
		return error.retryAfterSeconds * 1000 + Math.floor(random() * policy.baseDelayMs);
	}
	return Math.floor(random() * step);
}
