import type { IDataObject } from 'n8n-workflow';

import { recordsOf, type EndpointDefinition } from '../../../src/api/endpoints';
import { isJsonObject, positiveNumberOf } from '../../../src/api/answer';
import type { SmartfloContext, SmartfloRequest } from './request';

export interface ListOptions {
	/** Stop after this many records; undefined = all. */
	limit?: number;
	/** Records asked for per request. */
	pageSize: number;
}

/** Sends one request of a list and reads its answer (refusals included). */
export type SendPage = (this: SmartfloContext, request: SmartfloRequest) => Promise<unknown>;

/** A server that ignores the paging parameters must not keep a run going for ever. */
const MAX_REQUESTS = 10_000;

/** The records of a list endpoint as its catalogue entry describes them: where they are and how Smartflo pages them. */
export async function requestAllRecords(
	this: SmartfloContext,
	endpoint: EndpointDefinition,
	request: SmartfloRequest,
	limit: number | undefined,
	send: SendPage,
): Promise<IDataObject[]> {
	const shape = endpoint.response;
	if (shape.kind !== 'list') throw new Error(`${endpoint.method} ${endpoint.path} does not answer with a list`);
	const records = (body: unknown) => recordsOf(body, shape.at) as IDataObject[];
	const { pagination } = shape;
	switch (pagination.style) {
		case 'none': {
			const items = records(await send.call(this, request));
			return limit === undefined ? items : items.slice(0, limit);
		}
		case 'page':
			return await requestAllPages.call(this, request, { limit, pageSize: pagination.pageSize }, records, send);
		case 'cursor':
			return await requestAllByCursor.call(this, request, { limit, pageSize: pagination.pageSize }, records, send, pagination.hasMoreField);
	}
}

/**
 * `page` / `limit` paging (call records: `{ count, limit, page, results }`). The page size stays the
 * same on every request, since it defines where each page starts; Smartflo may cap it, and its
 * answer says by how much.
 */
async function requestAllPages(
	this: SmartfloContext,
	request: SmartfloRequest,
	{ limit, pageSize }: ListOptions,
	records: (body: unknown) => IDataObject[],
	send: SendPage,
): Promise<IDataObject[]> {
	const size = limit === undefined ? pageSize : Math.min(pageSize, limit);
	const items: IDataObject[] = [];
	for (let page = 1; page <= MAX_REQUESTS; page++) {
		const body = await send.call(this, { ...request, qs: { ...request.qs, page, limit: size } });
		const pageItems = records(body);
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const appliedSize = positiveNumberOf(isJsonObject(body) ? body.limit : undefined) ?? size;
		const total = positiveNumberOf(isJsonObject(body) ? body.count : undefined);
		const lastPage = pageItems.length < appliedSize || (total !== undefined && page * appliedSize >= total);
		if (pageItems.length === 0 || lastPage) break;
	}
	return items;
}

/** Keyset paging with `last_seen_id` (users: `{ has_more, last_seen_id, data }`; DND: `{ hasMore, data }`). */
async function requestAllByCursor(
	this: SmartfloContext,
	request: SmartfloRequest,
	{ limit, pageSize }: ListOptions,
	records: (body: unknown) => IDataObject[],
	send: SendPage,
	hasMoreField: string,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let cursor: unknown;
	for (let requests = 0; requests < MAX_REQUESTS; requests++) {
		const size = limit === undefined ? pageSize : Math.min(pageSize, limit - items.length);
		const qs: IDataObject = { ...request.qs, limit: size };
		if (cursor !== undefined) qs.last_seen_id = cursor as IDataObject[string];
		const body = await send.call(this, { ...request, qs });
		const pageItems = records(body);
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const next = (isJsonObject(body) ? body.last_seen_id : undefined) ?? pageItems[pageItems.length - 1]?.id;
		const hasMore = isJsonObject(body) && body[hasMoreField] === false ? false : pageItems.length > 0;
		if (!hasMore || next === undefined || next === null || next === cursor) break;
		cursor = next;
	}
	return items;
}
