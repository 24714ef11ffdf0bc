import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildRequest, EndpointInputError, type BuildOptions, type EndpointDefinition, type Values } from '../../../src/api/endpoints';
import { requestAllRecords, requestPage, type Page, type PagePosition } from './pagination';
import {
	smartfloApiRequest,
	smartfloCredentials,
	smartfloUnauthenticatedRequest,
	type SmartfloContext,
	type SmartfloRequest,
} from './request';

/** The request for an endpoint of the catalogue; a value it cannot take is a NodeOperationError at the item, before anything is sent. */
export function endpointRequest(
	node: INode,
	endpoint: EndpointDefinition,
	values: Values,
	itemIndex?: number,
	options?: BuildOptions,
): SmartfloRequest {
	const request = catalogueValue(node, () => buildRequest(endpoint, values, options), itemIndex) as SmartfloRequest;
	return endpoint.refusalFlag === undefined ? request : { ...request, refusalFlag: endpoint.refusalFlag };
}

/** What the catalogue builds from a user's values; a value it refuses is a NodeOperationError at the item. */
export function catalogueValue<T>(node: INode, build: () => T, itemIndex?: number): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof EndpointInputError) throw new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
		throw new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
	}
}

/**
 * Sends a request of the endpoint: with the credential's token, or for an `apiKey` endpoint without
 * one (the credential then only gives the Base URL).
 */
async function sendEndpointRequest(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	request: SmartfloRequest,
	itemIndex?: number,
): Promise<unknown> {
	if (endpoint.auth !== 'apiKey') return await smartfloApiRequest.call(this, request, itemIndex);
	const { baseUrl } = await smartfloCredentials.call(this, itemIndex);
	return await smartfloUnauthenticatedRequest.call(this, baseUrl, request, itemIndex);
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

/** One page of a list endpoint from `position` (the first when empty), of up to `size` records: what list searches show. */
export async function listEndpointPage(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	values: Values,
	position: PagePosition,
	size?: number,
): Promise<Page> {
	const request = endpointRequest(this.getNode(), endpoint, values);
	return await requestPage.call(this, endpoint, request, position, size, function (this: SmartfloContext, page: SmartfloRequest) {
		return sendEndpointRequest.call(this, endpoint, page);
	});
}
