import type { ExecutionResult } from 'graphql';

/** One execution result: not a stream of them (subscriptions, @defer) and not a batch. */
export function isSingleResult(result: unknown): result is ExecutionResult {
	return typeof result === 'object' && result !== null && !Array.isArray(result) && !(Symbol.asyncIterator in result);
}
