import * as broadcast from './broadcast';
import * as call from './call';
import * as callRecord from './call-record';
import * as department from './department';
import * as dialer from './dialer';
import * as lead from './lead';
import * as myNumber from './my-number';
import * as routing from './routing';
import type { EndpointDefinition } from './types';
import * as user from './user';

function only<T extends Record<string, unknown>>(module: T) {
	return Object.fromEntries(Object.entries(module).filter(([, value]) => isEndpoint(value))) as {
		[K in keyof T as T[K] extends EndpointDefinition ? K : never]: T[K];
	};
}

function isEndpoint(value: unknown): value is EndpointDefinition {
	return typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'params' in value;
}

/**
 * Every Smartflo endpoint this project calls (login and refresh live in src/auth), by area. The n8n
 * node's operations and dropdowns read their requests from here.
 */
export const SMARTFLO_ENDPOINTS = {
	call: only(call),
	callRecord: only(callRecord),
	user: only(user),
	myNumber: only(myNumber),
	department: only(department),
	routing: only(routing),
	broadcast: only(broadcast),
	lead: only(lead),
	dialer: only(dialer),
};

export { CALL_OPTION_TYPES } from './call';
export { CALL_RECORD_OPERATORS } from './call-record';
export { MAX_BROADCAST_RETRIES, MIN_BROADCAST_TIMEOUT_SECONDS } from './broadcast';
export { RING_STRATEGIES } from './department';
export { DUPLICATE_OPTIONS, LEAD_FIELDS, MAX_DND_PAGE_SIZE } from './lead';
export {
	AGENT_CONNECTIONS,
	CAMPAIGN_RING_STRATEGIES,
	DIAL_IN_TYPES,
	DIAL_METHODS,
	LIST_TRAVERSAL_ORDERS,
	MAX_ACTIVE_CAMPAIGN_LEAD_LISTS,
} from './dialer';
export { DESTINATION_TYPES, encodeDestination, type DestinationType } from './destination';
export {
	buildRequest,
	isAbsent,
	listOf,
	DEFAULT_TIME_ZONE,
	EndpointInputError,
	type ApiRequest,
	type BuildOptions,
	type Values,
} from './request';
export { recordOf, recordsOf } from './response';
export type { EndpointDefinition, EndpointEffect, HttpMethod, Pagination, ParamDefinition, ParamType, ResponseShape } from './types';
