import type { IDataObject } from 'n8n-workflow';

import { collectList, fetchPage, listShapeOf, withPaging, type Page, type PagePosition } from '../../../src/api/client/paging';
import type { EndpointDefinition } from '../../../src/api/endpoints';
import type { SmartfloContext, SmartfloRequest } from './request';

export type { Page, PagePosition };

/** Sends one request of a list and reads its answer (refusals included). */
export type SendPage = (this: SmartfloContext, request: SmartfloRequest) => Promise<unknown>;

/**
 * The records of a list endpoint as its catalogue entry describes them (where they are, how Smartflo
 * pages them), all of them or up to `limit`: the core's paging (src/api/client/paging.ts) over the
 * node's requests.
 */
export async function requestAllRecords(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	request: SmartfloRequest,
	limit: number | undefined,
	send: SendPage,
): Promise<IDataObject[]> {
	const { items } = await collectList(listShapeOf(endpoint), (paging) => send.call(this, withPaging(request, paging)), limit);
	return items as IDataObject[];
}

/**
 * One page of a list endpoint from `position`, of `size` records (an unpaged list is one request, cut to
 * `size`), and where the next one starts: the core's fetchPage over the node's requests.
 */
export async function requestPage(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	request: SmartfloRequest,
	position: PagePosition,
	size: number | undefined,
	send: SendPage,
): Promise<Page> {
	return await fetchPage(listShapeOf(endpoint), (paging) => send.call(this, withPaging(request, paging)), position, size);
}
