import type { IDataObject } from 'n8n-workflow';

import { isObject, listItems } from './envelope';
import { smartfloApiRequest, type SmartfloContext, type SmartfloRequest } from './request';

export interface ListOptions {
	/** Stop after this many records; undefined = all. */
	limit?: number;
	/** Records asked for per request. */
	pageSize: number;
}

/** A server that ignores the paging parameters must not keep a run going for ever. */
const MAX_REQUESTS = 10_000;

/** A list endpoint without paging: one request, trimmed to the limit. */
export async function requestList(
	this: SmartfloContext,
	request: SmartfloRequest,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const items = listItems(await smartfloApiRequest.call(this, request, itemIndex));
	return limit === undefined ? items : items.slice(0, limit);
}

/**
 * `page` / `limit` paging (call records: `{ count, limit, page, results }`). The page size stays the
 * same on every request, since it defines where each page starts; Smartflo may cap it, and its
 * answer says by how much.
 */
export async function requestAllPages(
	this: SmartfloContext,
	request: SmartfloRequest,
	{ limit, pageSize }: ListOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const size = limit === undefined ? pageSize : Math.min(pageSize, limit);
	const items: IDataObject[] = [];
	for (let page = 1; page <= MAX_REQUESTS; page++) {
		const body = await smartfloApiRequest.call(this, { ...request, qs: { ...request.qs, page, limit: size } }, itemIndex);
		const pageItems = listItems(body);
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const appliedSize = positiveNumber(isObject(body) ? body.limit : undefined) ?? size;
		const total = positiveNumber(isObject(body) ? body.count : undefined);
		const lastPage = pageItems.length < appliedSize || (total !== undefined && page * appliedSize >= total);
		if (pageItems.length === 0 || lastPage) break;
	}
	return items;
}

/** Keyset paging with `last_seen_id` (users: `{ has_more, last_seen_id, data }`). */
export async function requestAllByCursor(
	this: SmartfloContext,
	request: SmartfloRequest,
	{ limit, pageSize }: ListOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let cursor: unknown;
	for (let requests = 0; requests < MAX_REQUESTS; requests++) {
		const size = limit === undefined ? pageSize : Math.min(pageSize, limit - items.length);
		const qs: IDataObject = { ...request.qs, limit: size };
		if (cursor !== undefined) qs.last_seen_id = cursor as IDataObject[string];
		const body = await smartfloApiRequest.call(this, { ...request, qs }, itemIndex);
		const pageItems = listItems(body);
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const next = (isObject(body) ? body.last_seen_id : undefined) ?? pageItems[pageItems.length - 1]?.id;
		const hasMore = isObject(body) && body.has_more === false ? false : pageItems.length > 0;
		if (!hasMore || next === undefined || next === null || next === cursor) break;
		cursor = next;
	}
	return items;
}

function positiveNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}
