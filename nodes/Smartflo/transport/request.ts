import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	SMARTFLO_CREDENTIAL_TYPE,
	baseUrlOf,
	needsRenewalBeforeSending,
	readSmartfloCredentials,
	type RequestHelper,
	type SmartfloCredentials,
} from '../../../src/n8n';
import { readEnvelope, type Envelope, type FullResponse } from './envelope';
import { apiFailureError, requestError, tokenRefusedError } from './errors';

export type SmartfloContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SmartfloRequest {
	method: 'GET' | 'POST';
	/** Path below the base URL, e.g. `/v1/users`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** The credential of the node, typed, with its normalised base URL. */
export async function smartfloCredentials(
	this: SmartfloContext,
	itemIndex?: number,
): Promise<{ raw: ICredentialDataDecryptedObject; credentials: SmartfloCredentials; baseUrl: string }> {
	const raw = await this.getCredentials(SMARTFLO_CREDENTIAL_TYPE, itemIndex);
	const credentials = readSmartfloCredentials(raw);
	try {
		return { raw, credentials, baseUrl: baseUrlOf(credentials) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			itemIndex,
			description: 'Fix the Base URL in the Smartflo credential.',
		});
	}
}

/**
 * One Smartflo API call with the node's credential, through n8n's `httpRequestWithAuthentication`
 * (which logs in when the stored token is empty, and after a 401 renews and resends once).
 *
 * n8n renews only on a 401, so this adds the renewals n8n cannot know about, at most one per call:
 * before sending, when the stored token is past `tokenExpiresAt` (or about to be) or was obtained for
 * another email / password / base URL; after sending, when Smartflo refuses the token in another way
 * (403, or an "expired" / "blacklisted" / "Authorization" message with another status). A renewal
 * hands n8n the credential with an empty token, which makes n8n run preAuthentication, store the new
 * token, and send with it.
 */
export async function smartfloApiRequest(this: SmartfloContext, request: SmartfloRequest, itemIndex?: number): Promise<unknown> {
	const node = this.getNode();
	const { raw, credentials, baseUrl } = await smartfloCredentials.call(this, itemIndex);
	const options = requestOptions(baseUrl, request, 'exceptUnauthorized');
	const send = async (renew: boolean): Promise<Envelope> => {
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				SMARTFLO_CREDENTIAL_TYPE,
				{ ...options, headers: { ...options.headers } },
				renew ? { credentialsDecrypted: withEmptyToken(node, raw) } : undefined,
			)) as FullResponse;
			return readEnvelope(response);
		} catch (error) {
			throw requestError(node, error, baseUrl, credentials.authMode, itemIndex);
		}
	};

	const renewFirst = needsRenewalBeforeSending(credentials);
	let envelope = await send(renewFirst);
	if (envelope.kind === 'tokenRefused' && credentials.authMode === 'password' && !renewFirst) {
		envelope = await send(true);
	}
	if (envelope.kind === 'tokenRefused') {
		throw tokenRefusedError(node, credentials.authMode, envelope.status, envelope.upstreamMessage, itemIndex);
	}
	if (envelope.kind === 'failure') throw apiFailureError(node, envelope.failure, itemIndex);
	return envelope.body;
}

/**
 * A call that carries no bearer token (Click to Call Support authenticates with an API key in the
 * body), sent with n8n's plain request helper so proxy and TLS settings still apply.
 */
export async function smartfloUnauthenticatedRequest(
	this: SmartfloContext,
	baseUrl: string,
	request: SmartfloRequest,
	itemIndex?: number,
): Promise<unknown> {
	const node = this.getNode();
	let envelope: Envelope;
	try {
		envelope = readEnvelope((await this.helpers.httpRequest(requestOptions(baseUrl, request, 'all'))) as FullResponse);
	} catch (error) {
		throw requestError(node, error, baseUrl, 'token', itemIndex);
	}
	if (envelope.kind === 'tokenRefused') {
		const said = envelope.upstreamMessage ? `: ${envelope.upstreamMessage}` : '';
		throw apiFailureError(
			node,
			{
				message: `Smartflo refused the request (HTTP ${envelope.status})${said}`,
				description: 'Check the API key: it belongs in this operation, generated under API Connect → Click to Call Support.',
				httpCode: String(envelope.status),
			},
			itemIndex,
		);
	}
	if (envelope.kind === 'failure') throw apiFailureError(node, envelope.failure, itemIndex);
	return envelope.body;
}

/** n8n's plain request helper in the shape the shared auth core's transport expects. */
export function plainRequestHelper(context: SmartfloContext): RequestHelper {
	return async (options) => await context.helpers.httpRequest(options);
}

/**
 * Smartflo's answers are read here, whatever the status. With a bearer token a 401 still throws, so
 * that n8n's own renew-and-resend runs (n8n versions without `except` return the 401, which is then
 * read as a refused token and renewed here).
 */
function requestOptions(baseUrl: string, request: SmartfloRequest, statusErrors: 'exceptUnauthorized' | 'all'): IHttpRequestOptions {
	return {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		headers: { Accept: 'application/json' },
		...(request.qs ? { qs: request.qs } : {}),
		...(request.body ? { body: request.body } : {}),
		json: true,
		// PHP-style `agents[]=…`, as Smartflo's call records filters expect.
		arrayFormat: 'brackets',
		returnFullResponse: true,
		ignoreHttpStatusErrors: statusErrors === 'all' ? true : { ignore: true, except: [401] },
		timeout: REQUEST_TIMEOUT_MS,
	};
}

function withEmptyToken(node: INode, raw: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const reference = node.credentials?.[SMARTFLO_CREDENTIAL_TYPE];
	return {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: SMARTFLO_CREDENTIAL_TYPE,
		data: { ...raw, accessToken: '' },
	};
}
