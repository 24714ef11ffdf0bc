import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	SMARTFLO_CREDENTIAL_TYPE,
	answerOf,
	baseUrlOf,
	countSends,
	needsRenewalBeforeSending,
	noteTokenReplaced,
	readSmartfloCredentials,
	responseOf,
	type SmartfloCredentials,
} from '../../../src/n8n';
import type { HttpMethod } from '../../../src/api/endpoints';
import { TOKEN_REFUSAL_STATUSES } from '../../../src/api/answer';
import { readEnvelope, type Envelope } from './envelope';
import { apiFailureError, requestError, tokenRefusedError } from './errors';

/** What may call Smartflo: a node's run, its load-options methods, a polling trigger's poll. */
export type SmartfloContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface SmartfloRequest {
	method: HttpMethod;
	/** Path below the base URL, e.g. `/v1/users`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The body field whose `false` means "refused" besides `success`, for endpoints that have one. */
	refusalFlag?: string;
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
 * The per-request options of n8n's `httpRequestWithAuthentication` that make n8n itself renew a refused
 * token: `preAuthenticationRetryStatusCode` (n8n 2.x) and `shouldRefreshCredentials`, which also sees a
 * refusal in a 200 body (newest n8n). Versions without them ignore them.
 */
type RenewalOptions = IAdditionalCredentialOptions & { shouldRefreshCredentials?: (response: unknown) => boolean };

/**
 * One Smartflo API call with the node's credential, through n8n's `httpRequestWithAuthentication`
 * (which logs in when the stored token is empty, and after a refusal renews and resends once).
 *
 * Renewals n8n cannot know about are added here, at most one per call: before sending, when the
 * stored token is past `tokenExpiresAt` (or about to be) or was obtained for another email / password
 * / base URL; after sending, when Smartflo refused the token and this n8n did not renew by itself (it
 * has no option for a 403 or an "expired" message in a 200, or for the status Smartflo used). Whether
 * n8n renewed is told by counting its sends (`countSends`). A renewal hands n8n the credential with an
 * empty token, which makes n8n run preAuthentication, store the new token, and send with it.
 */
export async function smartfloApiRequest(this: SmartfloContext, request: SmartfloRequest, itemIndex?: number): Promise<unknown> {
	const node = this.getNode();
	const { raw, credentials, baseUrl } = await smartfloCredentials.call(this, itemIndex);
	const options = requestOptions(baseUrl, request, 'exceptTokenRefusals');
	const rules = { refusalFlag: request.refusalFlag };
	const renewal: RenewalOptions = {
		preAuthenticationRetryStatusCode: TOKEN_REFUSAL_STATUSES,
		shouldRefreshCredentials: (response) => {
			const answer = answerOf(response);
			return answer !== undefined && readEnvelope(answer, rules).kind === 'tokenRefused';
		},
	};
	const send = async (renew: boolean): Promise<{ envelope: Envelope; renewedByN8n: boolean }> => {
		const sendOptions = { ...options, headers: { ...options.headers } };
		const sends = countSends(sendOptions);
		const additional: RenewalOptions = renew ? { ...renewal, credentialsDecrypted: withEmptyToken(node, raw) } : renewal;
		let answer;
		try {
			answer = answerOf(await this.helpers.httpRequestWithAuthentication.call(this, SMARTFLO_CREDENTIAL_TYPE, sendOptions, additional));
		} catch (error) {
			// A refused token that n8n did not (or could not) cure arrives as an error carrying the response.
			answer = answerOf(responseOf(error));
			if (!answer) throw requestError(node, error, baseUrl, itemIndex);
		}
		if (!answer) throw requestError(node, new Error('n8n returned no response'), baseUrl, itemIndex);
		return { envelope: readEnvelope(answer, rules), renewedByN8n: sends.sends > 1 };
	};

	const renewFirst = needsRenewalBeforeSending(credentials);
	if (renewFirst) noteTokenReplaced(credentials);
	const first = await send(renewFirst);
	let { envelope } = first;
	if (envelope.kind === 'tokenRefused' && credentials.authMode === 'password' && !renewFirst && !first.renewedByN8n) {
		noteTokenReplaced(credentials);
		({ envelope } = await send(true));
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
		const answer = answerOf(await this.helpers.httpRequest(requestOptions(baseUrl, request, 'all')));
		if (!answer) throw new Error('n8n returned no response');
		envelope = readEnvelope(answer, { refusalFlag: request.refusalFlag });
	} catch (error) {
		throw requestError(node, error, baseUrl, itemIndex);
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

/**
 * Smartflo's answers are read here, whatever the status. With a bearer token a 401 or 403 still
 * throws, so that n8n's own renew-and-resend can run (n8n versions without `except` return them, and
 * they are then read as a refused token and renewed here).
 */
function requestOptions(baseUrl: string, request: SmartfloRequest, statusErrors: 'exceptTokenRefusals' | 'all'): IHttpRequestOptions {
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
		ignoreHttpStatusErrors: statusErrors === 'all' ? true : { ignore: true, except: TOKEN_REFUSAL_STATUSES },
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
