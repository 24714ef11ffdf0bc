import { DEFAULT_BASE_URL, normalizeBaseUrl, type SmartfloRuntime } from '../../auth/client';
import { SmartfloError, isSmartfloError } from '../../auth/errors';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from '../../auth/retry';
import type { TokenSession } from '../../auth/session';
import { assertStaticTokenUnexpired } from '../../auth/static-token';
import { authorizationHeader, normalizeToken } from '../../auth/token';
import { transportFailure } from '../../auth/transport-failure';
import { isTransportError, type HttpRequest, type HttpResponse, type HttpTransport } from '../../http/transport';
import { isJsonObject, isTokenRefusal, readAnswer, type AnswerRules, type JsonObject, type RawAnswer } from '../answer';
import { answerFailure } from '../answer-failure';
import { buildRequest, EndpointInputError, recordOf, type ApiRequest, type EndpointDefinition, type Values } from '../endpoints';
import type { ApiAuth, AuthenticatingTransport } from './auth';
import { httpRequestOf, withAuthorization } from './http-request';
import { collectList, fetchPage, listShapeOf, MAX_LIST_PAGES, withPaging, type ListResult, type Page, type PagePosition } from './paging';
import { Redactor } from './redact';
import { refusalError, type RefusedAnswer, type TokenRefusalContext } from './refusal';

export const DEFAULT_API_TIMEOUT_MS = 30_000;
export const DEFAULT_API_RETRIES = 0;

export interface SmartfloApiClientOptions {
	/** Where the calls' tokens come from. */
	auth: ApiAuth;
	/** Default: the production API. A pasted `/v1` is dropped. */
	baseUrl?: string;
	/** Per attempt (default 30000). */
	timeoutMs?: number;
	/** The account's IANA time zone, which `dateTime` values are converted to (default Asia/Kolkata). */
	timeZone?: string;
	/**
	 * Extra attempts after a 429, and for a GET also after a network error or a 5xx (default 0). A write
	 * is never sent again after a network error or a 5xx: Smartflo may have acted on it (placed a call).
	 */
	retries?: number;
	retryPolicy?: Partial<RetryPolicy>;
	/** A list stops after this many requests, whatever the server says (default 10000). */
	maxPagesPerList?: number;
}

export interface CallOptions {
	/**
	 * This call's token (with or without `Bearer `), used instead of the client's and never renewed;
	 * required when the client's auth is `{ perRequest: true }`. Ignored by endpoints that take an API key.
	 */
	token?: string;
}

export interface ListOptions extends CallOptions {
	/** At most this many records (a whole number from 1); all of them when absent. */
	limit?: number;
}

export interface PageOptions extends CallOptions, PagePosition {
	/** Records per page (a whole number from 1), at most the endpoint's page size, which is the default. */
	pageSize?: number;
}

/** An answer as the client reads it: accepted, a refused token, or any other failure. */
type Outcome = { kind: 'ok'; body: unknown } | { kind: 'tokenRefused'; answer: RefusedAnswer; redactor: Redactor };

/**
 * Smartflo's REST API, endpoint by endpoint of the catalogue (src/api/endpoints): builds each request
 * from values, sends it with the token of its {@link ApiAuth} over the injected transport, reads the
 * answer by Smartflo's rules (src/api/answer.ts), renews a refused token once when the source can, and
 * raises only SmartfloErrors, whose messages carry no secret. n8n-free: it runs in n8n over n8n's
 * request helpers as well as in a plain Node process (`src/runtime` gives it Node's defaults).
 */
export class SmartfloApiClient {
	readonly baseUrl: string;
	readonly timeoutMs: number;
	readonly retries: number;
	readonly #auth: ApiAuth;
	readonly #transport: HttpTransport;
	readonly #sleep: (ms: number) => Promise<void>;
	readonly #retryPolicy: RetryPolicy;
	readonly #timeZone?: string;
	readonly #maxPagesPerList: number;

	constructor(options: SmartfloApiClientOptions & SmartfloRuntime) {
		this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
		this.timeoutMs = positiveOr(options.timeoutMs, DEFAULT_API_TIMEOUT_MS);
		this.retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_API_RETRIES));
		if (typeof options.auth !== 'object' || options.auth === null)
			throw new TypeError('SmartfloApiClient needs an auth: { session }, { token }, { perRequest: true } or { transport }');
		this.#auth = options.auth;
		this.#transport = options.transport;
		this.#sleep = options.sleep;
		this.#retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
		this.#timeZone = options.timeZone;
		this.#maxPagesPerList = Math.max(1, Math.floor(positiveOr(options.maxPagesPerList, MAX_LIST_PAGES)));
	}

	/** One call of any endpoint: Smartflo's accepted answer as it sent it (parsed JSON; `{}` for an empty answer). */
	async send(endpoint: EndpointDefinition, values: Values = {}, options: CallOptions = {}): Promise<unknown> {
		return await this.#exchange(endpoint, this.#build(endpoint, values), values, options);
	}

	/** One call of an endpoint that answers with a result (`{ success, message, … }`) or one record (under `data`): that object. */
	async call(endpoint: EndpointDefinition, values: Values = {}, options: CallOptions = {}): Promise<JsonObject> {
		const { response } = endpoint;
		if (response.kind === 'list') throw new Error(`${endpoint.method} ${endpoint.path} answers with a list: use list() or page()`);
		const body = await this.send(endpoint, values, options);
		if (response.kind === 'record') return recordOf(body);
		return isJsonObject(body) ? body : { value: body };
	}

	/** The records of a list endpoint, all of them or up to `limit`, following its paging (at most `maxPagesPerList` requests). */
	async list(endpoint: EndpointDefinition, values: Values = {}, options: ListOptions = {}): Promise<ListResult> {
		const shape = listShapeOf(endpoint);
		const limit = options.limit === undefined ? undefined : wholeNumber('limit', options.limit);
		const request = this.#build(endpoint, values);
		return await collectList(
			shape,
			(paging) => this.#exchange(endpoint, withPaging(request, paging), values, options),
			limit,
			this.#maxPagesPerList,
		);
	}

	/**
	 * One page of a list endpoint, for a caller that pages itself: `page` for `page` paging, `cursor` (a
	 * `nextCursor` of an earlier page) for `cursor` paging, neither for the first page. An unpaged list
	 * is one page, cut to `pageSize` when given.
	 */
	async page(endpoint: EndpointDefinition, values: Values = {}, options: PageOptions = {}): Promise<Page> {
		const shape = listShapeOf(endpoint);
		const { pagination } = shape;
		const position = pagePosition(pagination.style, options);
		const wanted = options.pageSize === undefined ? undefined : wholeNumber('pageSize', options.pageSize);
		const size = pagination.style === 'none' ? wanted : Math.min(wanted ?? pagination.pageSize, pagination.pageSize);
		const request = this.#build(endpoint, values);
		return await fetchPage(shape, (paging) => this.#exchange(endpoint, withPaging(request, paging), values, options), position, size);
	}

	#build(endpoint: EndpointDefinition, values: Values): ApiRequest {
		if (!isJsonObject(values)) throw new SmartfloError('INVALID_INPUT', 'The values of a call must be an object keyed by parameter names.');
		try {
			return buildRequest(endpoint, values, { timeZone: this.#timeZone });
		} catch (error) {
			if (error instanceof EndpointInputError) {
				throw new SmartfloError('INVALID_INPUT', `${error.message}.`, { field: error.field, hint: error.hint });
			}
			const unknown = Object.keys(values).find((name) => !endpoint.params.some((param) => param.name === name));
			if (unknown === undefined) throw error;
			throw new SmartfloError('INVALID_INPUT', `${endpoint.method} ${endpoint.path} takes no parameter of that name.`, {
				field: unknown.slice(0, 64),
			});
		}
	}

	/** The call, sent again after a retryable failure while `retries` allow. */
	async #exchange(endpoint: EndpointDefinition, request: ApiRequest, values: Values, options: CallOptions): Promise<unknown> {
		const http = httpRequestOf(this.baseUrl, request, this.timeoutMs);
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.#authenticated(endpoint, http, values, options);
			} catch (error) {
				if (!this.#mayRetry(error, endpoint) || attempt >= this.retries) throw error;
				const delay = retryDelayMs(error, attempt, this.#retryPolicy);
				if (delay === null) throw error;
				await this.#sleep(delay);
			}
		}
	}

	#mayRetry(error: unknown, endpoint: EndpointDefinition): error is SmartfloError {
		return isRetryable(error) && (endpoint.method === 'GET' || isSmartfloError(error, 'RATE_LIMITED'));
	}

	/** One send (two when a refused token is renewed) with the token the endpoint and the auth call for. */
	async #authenticated(endpoint: EndpointDefinition, request: HttpRequest, values: Values, options: CallOptions): Promise<unknown> {
		const secrets = secretValues(endpoint, values);
		if (endpoint.auth === 'apiKey')
			return this.#settled(endpoint, this.#read(endpoint, await this.#deliver(request), secrets), 'notRenewable');
		if (options.token !== undefined) return await this.#withFixedToken(endpoint, request, secrets, options.token);
		const auth = this.#auth;
		if ('session' in auth) return await this.#withSession(endpoint, request, secrets, auth.session);
		if ('token' in auth) return await this.#withFixedToken(endpoint, request, secrets, auth.token);
		if ('transport' in auth) return await this.#withAuthenticatingTransport(endpoint, request, secrets, auth.transport);
		throw new SmartfloError('INVALID_INPUT', 'A Smartflo token is required for this call: pass it as the call’s token.', {
			field: 'token',
		});
	}

	async #withFixedToken(endpoint: EndpointDefinition, request: HttpRequest, secrets: string[], token: string): Promise<unknown> {
		const authorization = authorizationHeader(token);
		const bare = normalizeToken(token);
		assertStaticTokenUnexpired(bare);
		const outcome = this.#read(endpoint, await this.#deliver(withAuthorization(request, authorization)), [...secrets, bare]);
		return this.#settled(endpoint, outcome, 'notRenewable');
	}

	async #withSession(endpoint: EndpointDefinition, request: HttpRequest, secrets: string[], session: TokenSession): Promise<unknown> {
		const token = await session.getToken();
		const outcome = this.#read(endpoint, await this.#deliver(withAuthorization(request, authorizationHeader(token))), [...secrets, token]);
		if (outcome.kind !== 'tokenRefused') return outcome.body;
		session.invalidate(token);
		const renewed = await session.getToken();
		// A static token in a session is not renewed: the same token would be refused again.
		if (renewed === token) return this.#settled(endpoint, outcome, 'notRenewable');
		const again = this.#read(endpoint, await this.#deliver(withAuthorization(request, authorizationHeader(renewed))), [
			...secrets,
			token,
			renewed,
		]);
		return this.#settled(endpoint, again, 'renewed');
	}

	async #withAuthenticatingTransport(
		endpoint: EndpointDefinition,
		request: HttpRequest,
		secrets: string[],
		transport: AuthenticatingTransport,
	): Promise<unknown> {
		const rules = rulesOf(endpoint);
		const isRefusal = (answer: RawAnswer) => isTokenRefusal(readAnswer(answer, rules));
		const renewFirst = transport.renewBeforeSending();
		const first = await this.#deliverAuthenticated(transport, request, { renew: renewFirst, isTokenRefusal: isRefusal });
		const outcome = this.#read(endpoint, first, secrets);
		if (outcome.kind !== 'tokenRefused') return outcome.body;
		if (!transport.renewable) return this.#settled(endpoint, outcome, 'notRenewable');
		if (renewFirst || first.renewed) return this.#settled(endpoint, outcome, 'renewed');
		const again = await this.#deliverAuthenticated(transport, request, { renew: true, isTokenRefusal: isRefusal });
		return this.#settled(endpoint, this.#read(endpoint, again, secrets), 'renewed');
	}

	/** The accepted answer's body, or the error for a refused token. */
	#settled(endpoint: EndpointDefinition, outcome: Outcome, renewal: TokenRefusalContext): unknown {
		if (outcome.kind === 'ok') return outcome.body;
		throw refusalError(endpoint, outcome.answer, outcome.redactor, renewal);
	}

	/** Smartflo's answer read by its rules: accepted, a refused token (for the caller to renew), or thrown as the coded error. */
	#read(endpoint: EndpointDefinition, response: HttpResponse, secrets: readonly string[]): Outcome {
		const answer = readAnswer({ status: response.status, headers: response.headers, body: response.body }, rulesOf(endpoint));
		switch (answer.kind) {
			case 'ok':
				return { kind: 'ok', body: answer.json ?? {} };
			case 'refused': {
				const redactor = new Redactor(secrets);
				if (isTokenRefusal(answer) && endpoint.auth !== 'apiKey') return { kind: 'tokenRefused', answer, redactor };
				throw refusalError(endpoint, answer, redactor, 'notRenewable');
			}
			default:
				throw answerFailure(answer);
		}
	}

	async #deliver(request: HttpRequest): Promise<HttpResponse> {
		try {
			return await this.#transport.request(request);
		} catch (error) {
			throw isSmartfloError(error) ? error : transportFailure(error, this.baseUrl, this.timeoutMs);
		}
	}

	async #deliverAuthenticated(
		transport: AuthenticatingTransport,
		request: HttpRequest,
		send: Parameters<AuthenticatingTransport['request']>[1],
	) {
		try {
			return await transport.request(request, send);
		} catch (error) {
			throw isTransportError(error) ? transportFailure(error, this.baseUrl, this.timeoutMs) : error;
		}
	}
}

function rulesOf(endpoint: EndpointDefinition): AnswerRules {
	return { refusalFlag: endpoint.refusalFlag };
}

/** The values of the endpoint's secret parameters (passwords, API keys) in this call, to keep out of errors. */
function secretValues(endpoint: EndpointDefinition, values: Values): string[] {
	return endpoint.params
		.filter((param) => param.secret && typeof values[param.name] === 'string')
		.map((param) => String(values[param.name]));
}

function pagePosition(style: 'none' | 'page' | 'cursor', options: PageOptions): PagePosition {
	const { page, cursor } = options;
	if (page !== undefined && style !== 'page')
		throw new SmartfloError('INVALID_INPUT', `This list does not page by number.`, { field: 'page' });
	if (cursor !== undefined && style !== 'cursor')
		throw new SmartfloError('INVALID_INPUT', `This list does not page by cursor.`, { field: 'cursor' });
	if (page !== undefined) return { page: wholeNumber('page', page) };
	if (cursor !== undefined) {
		if (typeof cursor !== 'string' || cursor.trim() === '' || cursor.length > 200) {
			throw new SmartfloError('INVALID_INPUT', 'The cursor must be the nextCursor of an earlier page.', { field: 'cursor' });
		}
		return { cursor: cursor.trim() };
	}
	return style === 'page' ? { page: 1 } : {};
}

function wholeNumber(field: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
		throw new SmartfloError('INVALID_INPUT', `${field} must be a whole number from 1.`, { field });
	}
	return value;
}

function positiveOr(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
