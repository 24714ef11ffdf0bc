import axios, { type AxiosRequestConfig, type ResponseType } from 'axios';
import type { IHttpRequestOptions } from 'n8n-workflow';

/** What n8n's helpers return with `returnFullResponse: true`. */
export interface N8nFullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
	statusMessage: string;
}

const NO_BODY_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * `this.helpers.httpRequest` as n8n 2.41.1 implements it on axios (@n8n/backend-network
 * http/axios/request.js: convertN8nRequestToAxios + httpRequest): `qs` as params, `encoding` as the
 * axios responseType, `disableFollowRedirect` as maxRedirects 0, `json` only adds an Accept header, HTTP errors throw an AxiosError unless
 * `ignoreHttpStatusErrors` (true, or `{ ignore: true, except: [codes] }`), and `returnFullResponse`
 * gives `{ body, headers, statusCode, statusMessage }`.
 */
export async function n8nHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const method = (options.method ?? 'GET').toUpperCase();
	const config: AxiosRequestConfig = {
		url: options.url,
		method,
		headers: { ...(options.headers as Record<string, string> | undefined) },
		timeout: options.timeout,
		params: options.qs,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
	};
	if (options.baseURL !== undefined) config.baseURL = options.baseURL;
	if (options.disableFollowRedirect === true) config.maxRedirects = 0;
	else if (options.maxRedirects !== undefined) config.maxRedirects = options.maxRedirects;
	if (options.abortSignal) config.signal = options.abortSignal as AxiosRequestConfig['signal'];
	if (options.encoding !== undefined) config.responseType = options.encoding as ResponseType;
	if (options.arrayFormat !== undefined && options.arrayFormat !== 'comma') {
		// qs's arrayFormat, as n8n passes it, in axios' own serializer: brackets a[]=, indices a[0]=, repeat a=.
		config.paramsSerializer = { indexes: { brackets: false, indices: true, repeat: null }[options.arrayFormat] };
	}
	const { body } = options;
	const emptyBody = body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
	if (!emptyBody && !NO_BODY_METHODS.includes(method)) config.data = body;
	if (options.json && !Object.keys(config.headers ?? {}).some((name) => name.toLowerCase() === 'accept')) {
		config.headers = { ...config.headers, Accept: 'application/json' };
	}
	const ignore = options.ignoreHttpStatusErrors;
	if (ignore === true) config.validateStatus = () => true;
	else if (typeof ignore === 'object' && ignore?.ignore === true) config.validateStatus = (status) => !ignore.except.includes(status);

	const result = await axios.request(config);
	if (!options.returnFullResponse) return result.data;
	const full: N8nFullResponse = {
		body: result.data,
		headers: { ...result.headers },
		statusCode: result.status,
		statusMessage: result.statusText,
	};
	return full;
}
