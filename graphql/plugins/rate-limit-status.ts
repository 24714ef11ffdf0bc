import type { Plugin } from 'graphql-yoga';

import type { RequestRecords } from './request-records';

/**
 * A request in which any field answered RATE_LIMITED (ours or Smartflo's) is answered with HTTP 429
 * and a numeric Retry-After, so HTTP-level clients back off too. yoga reads `extensions.http` for
 * the status and headers and strips it from the body.
 */
export function useRateLimitStatus(records: RequestRecords): Plugin {
	return {
		onResultProcess({ request, result, setResult }) {
			const retryAfterSeconds = records.get(request).retryAfterSeconds;
			if (retryAfterSeconds === undefined || Array.isArray(result) || !result || Symbol.asyncIterator in result) return;
			const extensions = (result.extensions ?? {}) as Record<string, unknown>;
			setResult({
				...result,
				extensions: { ...extensions, http: { status: 429, headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } } },
			});
		},
	};
}
