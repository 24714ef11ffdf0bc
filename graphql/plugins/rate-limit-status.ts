import type { Plugin } from 'graphql-yoga';

import type { RequestRecords } from './request-records';
import { isSingleResult } from './single-result';

/**
 * A request in which a field answered RATE_LIMITED (ours or Smartflo's) and no field succeeded is
 * answered with HTTP 429 and a numeric Retry-After, so HTTP-level clients back off too. When another
 * field did succeed it stays 200: many clients (graphql-request, n8n's GraphQL node) throw on a
 * non-2xx status and would lose that field's new token, and a refresh cannot be repeated. yoga reads
 * `extensions.http` for the status and headers and strips it from the body.
 */
export function useRateLimitStatus(records: RequestRecords): Plugin {
	return {
		onResultProcess({ request, result, setResult }) {
			const { retryAfterSeconds, outcomes } = records.get(request);
			if (retryAfterSeconds === undefined || outcomes.includes('ok')) return;
			if (!isSingleResult(result)) return;
			const extensions = result.extensions ?? {};
			setResult({
				...result,
				extensions: { ...extensions, http: { status: 429, headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } } },
			});
		},
	};
}
