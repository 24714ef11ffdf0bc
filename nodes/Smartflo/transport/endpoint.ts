import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildRequest, EndpointInputError, refusalOf, type BuildOptions, type EndpointDefinition, type Values } from '../../../src/api/endpoints';
import { apiFailureError } from './errors';
import { requestAllRecords } from './pagination';
import { smartfloApiRequest, smartfloCredentials, smartfloUnauthenticatedRequest, type SmartfloContext, type SmartfloRequest } from './request';

/** The request for an endpoint of the catalogue; a value it cannot take is a NodeOperationError at the item, before anything is sent. */
export function endpointRequest(node: INode, endpoint: EndpointDefinition, values: Values, itemIndex?: number, options?: BuildOptions): SmartfloRequest {
	try {
		return buildRequest(endpoint, values, options) as SmartfloRequest;
	} catch (error) {
		if (error instanceof EndpointInputError) throw new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

/**
 * Sends a request of the endpoint: with the credential's token, or for an `apiKey` endpoint without
 * one (the credential then only gives the Base URL). An endpoint's own refusal flag is read here.
 */
export async function sendEndpointRequest(this: SmartfloContext, endpoint: EndpointDefinition, request: SmartfloRequest, itemIndex?: number): Promise<unknown> {
	let body: unknown;
	if (endpoint.auth === 'apiKey') {
		const { baseUrl } = await smartfloCredentials.call(this, itemIndex);
		body = await smartfloUnauthenticatedRequest.call(this, baseUrl, request, itemIndex);
	} else {
		body = await smartfloApiRequest.call(this, request, itemIndex);
	}
	const refusal = refusalOf(endpoint, body);
	if (refusal !== undefined) {
		throw apiFailureError(
			this.getNode(),
			{
				message: refusal ? `Smartflo refused the request: ${refusal}` : 'Smartflo refused the request',
				description: `Smartflo answered with ${endpoint.refusalFlag}: false. Check the parameters against the message.`,
				httpCode: '200',
				body: body as IDataObject,
			},
			itemIndex,
		);
	}
	return body;
}

/** One call of an endpoint with values keyed by Smartflo's parameter names. */
export async function callEndpoint(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	values: Values,
	itemIndex?: number,
	options?: BuildOptions,
): Promise<unknown> {
	return await sendEndpointRequest.call(this, endpoint, endpointRequest(this.getNode(), endpoint, values, itemIndex, options), itemIndex);
}

/** The records of a list endpoint, all of them or up to `limit`, following its paging. */
export async function listEndpoint(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	values: Values,
	limit: number | undefined,
	itemIndex?: number,
	options?: BuildOptions,
): Promise<IDataObject[]> {
	const request = endpointRequest(this.getNode(), endpoint, values, itemIndex, options);
	return await requestAllRecords.call(this, endpoint, request, limit, function (this: SmartfloContext, page: SmartfloRequest) {
		return sendEndpointRequest.call(this, endpoint, page, itemIndex);
	});
}
