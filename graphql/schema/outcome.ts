import type { SmartfloError } from '../../src/auth';
import type { GraphQLContext } from '../context';

/** What every payload's `error` holds. */
export interface ErrorShape<Code extends string> {
	code: Code;
	message: string;
	retryAfterSeconds: number | null;
}

/** A field that succeeded, for the request's log line and the 429 rule (see useRateLimitStatus). */
export function recordSuccess(context: Pick<GraphQLContext, 'record'>): void {
	context.record.outcomes.push('ok');
}

/**
 * A field's expected failure as a payload's `error`, recorded for the request's log line and the 429
 * rule. The message is the core's own text, which never carries an upstream body or a secret, or, for
 * the codes in `serverSideMessages` (faults on the server's side), a fixed text without the upstream
 * URL. RATE_LIMITED always says how long to wait: a whole, positive number, as the Retry-After header.
 */
export function recordFailure<Code extends string>(
	code: Code,
	error: SmartfloError,
	context: Pick<GraphQLContext, 'record' | 'defaultRetryAfterSeconds'>,
	serverSideMessages: Partial<Record<Code, string>>,
): ErrorShape<Code> {
	const { record } = context;
	record.outcomes.push(code);
	let retryAfterSeconds = error.retryAfterSeconds ?? null;
	if (error.code === 'RATE_LIMITED') {
		retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds ?? context.defaultRetryAfterSeconds));
		record.retryAfterSeconds = Math.max(record.retryAfterSeconds ?? 0, retryAfterSeconds);
	}
	return { code, message: serverSideMessages[code] ?? error.message, retryAfterSeconds };
}
