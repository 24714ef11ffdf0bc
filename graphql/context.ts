import type { TokenSet } from '../src/auth';
import type { UpstreamAccess } from './data/upstream-access';
import type { AuthGuard } from './limits/auth-guard';

/** What the server learns about one HTTP request while handling it; read by the log line and the 429 mapping. */
export interface RequestRecord {
	requestId: string;
	startedAt: number;
	/** Outcome of each login, refresh and data field: 'ok' or its error code (an AuthErrorCode or ApiErrorCode). */
	outcomes: string[];
	/** Set when a field answered RATE_LIMITED: unless another field succeeded, the response becomes HTTP 429 with this Retry-After. */
	retryAfterSeconds?: number;
	operationName?: string;
	fields?: string[];
	/** `extensions.code` of top-level GraphQL errors (validation, masked, CSRF, …). */
	errorCodes: string[];
	/** The name of the API key the request presented, once a data field has read it (never the key). */
	apiKey?: string;
	/** HTTP requests sent to Smartflo for data, when there were any. */
	upstreamCalls?: number;
}

export interface GraphQLContext {
	auth: AuthGuard;
	clientIp: string;
	record: RequestRecord;
	requestMemo: Map<string, Promise<TokenSet>>;
	/** Used when Smartflo rate-limits without saying for how long. */
	defaultRetryAfterSeconds: number;
	/** How this request reaches Smartflo's data (its caller, its budget): read by smartfloFor. */
	upstream: UpstreamAccess;
}
