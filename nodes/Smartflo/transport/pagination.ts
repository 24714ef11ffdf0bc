import type { IDataObject } from 'n8n-workflow';

import { collectList, listShapeOf, withPaging } from '../../../src/api/client/paging';
import type { EndpointDefinition } from '../../../src/api/endpoints';
import type { SmartfloContext, SmartfloRequest } from './request';

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
