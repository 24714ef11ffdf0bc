import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { n8nHttpRequest } from './n8n-http-request';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

export interface PreAuthenticationCall {
	credentialsExpired: boolean;
	/** The expirable field as the hook received it. */
	accessTokenIn: unknown;
}

/**
 * Which n8n's request helper to mirror: 1.x renews only after a 401; 2.x also honours the per-request
 * `preAuthenticationRetryStatusCode`; the newest n8n (docs/n8n-credential-lifecycle.md#the-request-path-httprequestwithauthentication) also asks `shouldRefreshCredentials`
 * about every response, successful ones included.
 */
export type N8nRequestHelperModel = '1.123' | '2.41' | 'newest';

/**
 * One stored credential and n8n 2.41.1's handling of it: `CredentialsHelper.getDecrypted` (declared
 * fields only, defaults applied, fields hidden by displayOptions dropped), `preAuthentication`
 * (packages/cli/src/credentials-helper.ts: called when the expirable field is '', when
 * `credentialsExpired`, or for the credential test; output persisted when the node has credentials)
 * and `authenticate` (function form).
 */
export class CredentialStore {
	readonly stored: IDataObject;
	/** The n8n version whose `httpRequestWithAuthentication` the tests run against. */
	n8n: N8nRequestHelperModel = '2.41';
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];
	/** Each write of preAuthentication's output to the "database". */
	readonly persisted: IDataObject[] = [];

	constructor(
		readonly type: ICredentialType,
		data: IDataObject,
	) {
		this.stored = { ...data };
	}

	getDecrypted(): ICredentialDataDecryptedObject {
		return declaredFields(this.type.properties, this.stored);
	}

	async preAuthentication(
		helpers: { helpers: { httpRequest: HttpRequest } },
		credentials: ICredentialDataDecryptedObject,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
		if (expirable === undefined || typeof this.type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		this.preAuthenticationCalls.push({ credentialsExpired, accessTokenIn: credentials[expirable.name] });
		const output = await this.type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		Object.assign(this.stored, output);
		this.persisted.push({ ...output });
		return Object.assign(credentials, output);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type;
		if (typeof authenticate !== 'function') throw new Error('Only function-style authenticate is modelled');
		return await authenticate(credentials, requestOptions);
	}
}

export interface AuthenticatedRequestContext {
	getNode(): INode;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	helpers: { httpRequest: HttpRequest };
}

/**
 * `httpRequestWithAuthentication` as n8n 2.41.1 implements it for a non-OAuth credential
 * (n8n-core dist/execution-engine/node-execution-context/utils/request-helpers/authentication.js):
 * credentials from `additionalCredentialOptions.credentialsDecrypted.data` or getCredentials;
 * preAuthentication; authenticate; send. On a thrown error whose response status is
 * `preAuthenticationRetryStatusCode` (default 401; always 401 on 1.x), or for which the newest n8n's
 * `shouldRefreshCredentials` says so (on a successful response too): preAuthentication with
 * credentialsExpired, authenticate, one resend. Every failure is thrown as a NodeApiError.
 */
export async function httpRequestWithAuthentication(
	this: AuthenticatedRequestContext,
	store: CredentialStore,
	credentialsType: string,
	incoming: IHttpRequestOptions,
	additionalCredentialOptions?: IAdditionalCredentialOptions & { shouldRefreshCredentials?: (response: unknown) => boolean },
): Promise<unknown> {
	let requestOptions = incoming;
	const node = this.getNode();
	if (credentialsType !== store.type.name) throw new Error(`No credential of type ${credentialsType} in this test`);
	const shouldRefresh = store.n8n === 'newest' ? additionalCredentialOptions?.shouldRefreshCredentials : undefined;
	let credentialsDecrypted: ICredentialDataDecryptedObject | undefined;
	const renewAndResend = async () => {
		const data = await store.preAuthentication(
			{ helpers: this.helpers },
			credentialsDecrypted as ICredentialDataDecryptedObject,
			node,
			true,
		);
		if (data) Object.assign(credentialsDecrypted as ICredentialDataDecryptedObject, data);
		requestOptions = await store.authenticate(credentialsDecrypted as ICredentialDataDecryptedObject, requestOptions);
		return await n8nHttpRequest(requestOptions);
	};
	let response: unknown;
	try {
		credentialsDecrypted = additionalCredentialOptions?.credentialsDecrypted
			? additionalCredentialOptions.credentialsDecrypted.data
			: await this.getCredentials(credentialsType);
		if (credentialsDecrypted === undefined) {
			throw new NodeOperationError(node, `Node "${node.name}" does not have any credentials of type "${credentialsType}" set`);
		}
		const data = await store.preAuthentication({ helpers: this.helpers }, credentialsDecrypted, node, false);
		if (data) Object.assign(credentialsDecrypted, data);
		requestOptions = await store.authenticate(credentialsDecrypted, requestOptions);
		response = await n8nHttpRequest(requestOptions);
	} catch (error) {
		const status = (error as { response?: { status?: number } }).response?.status;
		const retryOn = store.n8n === '1.123' ? 401 : (additionalCredentialOptions?.preAuthenticationRetryStatusCode ?? 401);
		const retry = Array.isArray(retryOn) ? retryOn.includes(status as number) : status === retryOn;
		const refreshAsked = status !== undefined && shouldRefresh?.(fullResponseOf((error as { response: unknown }).response)) === true;
		if ((retry || refreshAsked) && credentialsDecrypted !== undefined) {
			try {
				return await renewAndResend();
			} catch (retryError) {
				throw new NodeApiError(node, retryError as never);
			}
		}
		throw new NodeApiError(node, error as never);
	}
	if (shouldRefresh?.(response) === true) {
		try {
			return await renewAndResend();
		} catch (retryError) {
			throw new NodeApiError(node, retryError as never);
		}
	}
	return response;
}

/** An axios error's response as n8n hands it to `shouldRefreshCredentials` (`IN8nHttpFullResponse`). */
function fullResponseOf(response: unknown): unknown {
	const { status, data, headers } = response as { status: number; data: unknown; headers: unknown };
	return { statusCode: status, body: data, headers };
}

/** What NodeHelpers.getNodeParameters keeps of credential data: declared, displayed fields, defaults applied. */
function declaredFields(properties: INodeProperties[], data: IDataObject): ICredentialDataDecryptedObject {
	const withDefaults: IDataObject = {};
	for (const property of properties) withDefaults[property.name] = data[property.name] ?? (property.default as IDataObject[string]);
	const visible: ICredentialDataDecryptedObject = {};
	for (const property of properties) {
		const show = property.displayOptions?.show ?? {};
		const shown = Object.entries(show).every(([name, values]) => (values as unknown[]).includes(withDefaults[name]));
		if (shown) visible[property.name] = withDefaults[property.name] as ICredentialDataDecryptedObject[string];
	}
	return visible;
}
