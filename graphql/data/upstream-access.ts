import type { CallOptions } from '../../src/api/client';
import type { EndpointEffect } from '../../src/api/endpoints';
import type { HttpTransport } from '../../src/http';
import type { RequestRecord } from '../context';
import type { DataGuard } from '../limits/data-guard';
import { UpstreamBudget } from '../limits/upstream-budget';
import type { ServerAccount } from '../runtime/account';
import { permits, type ApiKeyStore } from '../runtime/api-keys';
import { GatewayError } from '../runtime/gateway-error';
import { SmartfloApiClient } from '../runtime/node-client';
import { ANONYMOUS, resolveCaller, type UpstreamCaller } from './caller';

/** What a data resolver calls Smartflo with: `client.list(endpoint, values, { ...options, limit })` and the like. */
export interface SmartfloAccess {
	client: SmartfloApiClient;
	/** Pass into every call of `client`: in token mode they carry the caller's token. */
	options: CallOptions;
}

export interface DataGatewayOptions {
	/** The server-held account API keys reach; absent when the server holds none (tokens only). */
	account?: ServerAccount;
	keys?: ApiKeyStore;
	guard: DataGuard;
	/** The server's pool to Smartflo. */
	transport: HttpTransport;
	baseUrl: string;
	/** Per attempt to reach Smartflo. */
	timeoutMs: number;
}

/** The server's side of data access: builds each request's UpstreamAccess. */
export class DataGateway {
	constructor(readonly options: DataGatewayOptions) {}

	forRequest(request: Request, clientIp: string, record: RequestRecord): UpstreamAccess {
		return new UpstreamAccess(this.options, request.headers, clientIp, record);
	}
}

/**
 * How one GraphQL request reaches Smartflo's data: its caller, read once from the headers on first
 * use (see resolveCaller), and its budget of upstream calls, which every client it hands out draws on.
 */
export class UpstreamAccess {
	readonly budget: UpstreamBudget;
	readonly #gateway: DataGatewayOptions;
	readonly #headers: Headers;
	readonly #clientIp: string;
	readonly #record: RequestRecord;
	#caller?: UpstreamCaller;
	#client?: SmartfloApiClient;

	constructor(gateway: DataGatewayOptions, headers: Headers, clientIp: string, record: RequestRecord) {
		this.#gateway = gateway;
		this.#headers = headers;
		this.#clientIp = clientIp;
		this.#record = record;
		this.budget = new UpstreamBudget(gateway.guard.limits.upstreamCallsPerRequest, (used) => (record.upstreamCalls = used));
	}

	get caller(): UpstreamCaller {
		if (!this.#caller) {
			this.#caller = resolveCaller(this.#headers, this.#gateway.keys);
			if (this.#caller.kind === 'apiKey') this.#record.apiKey = this.#caller.key.name;
		}
		return this.#caller;
	}

	/**
	 * The client and call options for one data operation whose endpoint does `effect`, after the checks
	 * in this order, none of which sends anything to Smartflo: a credential (UNAUTHENTICATED), the key's
	 * permission (FORBIDDEN for a write, delete or call with a read-only key), the rate limits per IP and
	 * per key (RATE_LIMITED). Each call counts one operation against the limits.
	 */
	async clientFor(effect: EndpointEffect): Promise<SmartfloAccess> {
		const caller = this.caller;
		switch (caller.kind) {
			case 'refused':
				throw caller.error;
			case 'anonymous':
				throw new GatewayError('UNAUTHENTICATED', ANONYMOUS);
			case 'apiKey': {
				const { name, permission } = caller.key;
				if (!permits(permission, effect)) throw new GatewayError('FORBIDDEN', forbidden(name, effect));
				await this.#gateway.guard.admit({ ip: this.#clientIp, apiKey: name });
				return { client: this.#accountClient(), options: {} };
			}
			case 'token':
				await this.#gateway.guard.admit({ ip: this.#clientIp });
				return { client: this.#tokenClient(), options: { token: caller.token } };
		}
	}

	#accountClient(): SmartfloApiClient {
		// Keys exist only beside an account (createGraphQLServer refuses one without the other).
		this.#client ??= (this.#gateway.account as ServerAccount).clientOver(this.budget.over(this.#gateway.transport));
		return this.#client;
	}

	#tokenClient(): SmartfloApiClient {
		const { baseUrl, timeoutMs, transport } = this.#gateway;
		this.#client ??= new SmartfloApiClient({ auth: { perRequest: true }, baseUrl, timeoutMs, transport: this.budget.over(transport) });
		return this.#client;
	}
}

const EFFECT_WORDS: Record<Exclude<EndpointEffect, 'read'>, string> = {
	write: 'changes Smartflo data',
	delete: 'deletes Smartflo data',
	call: 'places or changes real phone calls',
};

function forbidden(keyName: string, effect: EndpointEffect): string {
	const what = effect === 'read' ? 'does this' : EFFECT_WORDS[effect];
	return `The API key "${keyName}" may only read, and this operation ${what}. It needs a key with the write permission.`;
}

/**
 * What every data resolver calls before calling Smartflo: the client and options for this request's
 * caller, for an endpoint that does `effect` (pass the endpoint's own: `smartfloFor(context,
 * user.getMany.effect)`). Throws a SmartfloError (a GatewayError for UNAUTHENTICATED and FORBIDDEN)
 * that the payload turns into `ok: false`; nothing has been sent to Smartflo then.
 */
export function smartfloFor(context: { upstream: UpstreamAccess }, effect: EndpointEffect): Promise<SmartfloAccess> {
	return context.upstream.clientFor(effect);
}
