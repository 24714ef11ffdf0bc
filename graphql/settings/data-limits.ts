import { DEFAULT_DATA_LIMITS, MAX_UPSTREAM_CALLS_PER_REQUEST, type DataLimits } from '../limits/data-guard';
import type { RateLimit } from '../limits/rate-limiter';
import { settingsGroup } from './settings';
import { integerSetting, rateSetting } from './values';

/** The limits on Smartflo data operations, for every face that serves them. */
export interface DataLimitSettings {
	dataLimitPerApiKey: RateLimit;
	dataLimitPerIp: RateLimit;
	upstreamCallsPerRequest: number;
}

export const DATA_LIMIT_SETTINGS = settingsGroup<DataLimitSettings>({
	dataLimitPerApiKey: {
		flag: '--data-rate-limit-per-api-key',
		env: 'DATA_RATE_LIMIT_PER_API_KEY',
		description: 'Data operations (each query or mutation field that reaches Smartflo) per API key.',
		...rateSetting(DEFAULT_DATA_LIMITS.perApiKey),
	},
	dataLimitPerIp: {
		flag: '--data-rate-limit-per-ip',
		env: 'DATA_RATE_LIMIT_PER_IP',
		description: "Data operations per client IP, with an API key or the caller's own token.",
		...rateSetting(DEFAULT_DATA_LIMITS.perIp),
	},
	upstreamCallsPerRequest: {
		flag: '--upstream-calls-per-request',
		env: 'UPSTREAM_CALLS_PER_REQUEST',
		value: '<n>',
		description:
			'HTTP requests to Smartflo one GraphQL request may make for data (pages and resends included), whatever its aliases and fields; past it, UPSTREAM_BUDGET_EXCEEDED.',
		...integerSetting(DEFAULT_DATA_LIMITS.upstreamCallsPerRequest, 1, MAX_UPSTREAM_CALLS_PER_REQUEST),
	},
});

/** The data limits the settings give, as createGraphQLServer's `dataLimits` takes them. */
export function dataLimitsOf(config: DataLimitSettings): DataLimits {
	return { perApiKey: config.dataLimitPerApiKey, perIp: config.dataLimitPerIp, upstreamCallsPerRequest: config.upstreamCallsPerRequest };
}
