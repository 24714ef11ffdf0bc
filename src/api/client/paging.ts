import { isJsonObject, positiveNumberOf, type JsonObject } from '../answer';
import { recordsOf, type EndpointDefinition, type Pagination, type Values } from '../endpoints';

/** A list endpoint's answer shape, as the catalogue states it. */
export type ListShape = Extract<EndpointDefinition['response'], { kind: 'list' }>;

/** What a list gives: its records, and whether Smartflo has more than it gave. */
export interface ListResult {
	items: JsonObject[];
	/** More records exist: beyond the limit, or beyond the bound on requests per list. */
	hasMore: boolean;
}

/** One page of a list, and where the next one starts. */
export interface Page extends ListResult {
	/** `page` paging, when `hasMore`: the page to ask for next. */
	nextPage?: number;
	/** `cursor` paging, when `hasMore`: the cursor to ask for next. */
	nextCursor?: string;
	/** `page` paging: how many records match in all, when Smartflo says (its `count`). */
	total?: number;
}

/** Where a page starts: a 1-based page number (`page` paging) or a cursor from an earlier page (`cursor` paging). */
export interface PagePosition {
	page?: number;
	cursor?: string;
}

/** Sends the list's request with these paging parameters added to its query, and returns Smartflo's (accepted) answer. */
export type FetchPage = (paging: Values) => Promise<unknown>;

/** At most this many requests per list: a server that ignores the paging parameters must not keep a call going for ever. */
export const MAX_LIST_PAGES = 10_000;

/** The request with the paging parameters of one page added to its query (unchanged for an unpaged list). */
export function withPaging<Request extends { qs?: object }>(request: Request, paging: Values): Request {
	return Object.keys(paging).length === 0 ? request : { ...request, qs: { ...request.qs, ...paging } };
}

/** The list endpoint's shape; a programming error for an endpoint that does not answer with a list. */
export function listShapeOf(endpoint: EndpointDefinition): ListShape {
	if (endpoint.response.kind !== 'list') throw new Error(`${endpoint.method} ${endpoint.path} does not answer with a list`);
	return endpoint.response;
}

/**
 * The records of a list as its catalogue entry describes them (where they are, how Smartflo pages
 * them): all of them, or up to `limit`, in at most `maxPages` requests.
 */
export async function collectList(
	shape: ListShape,
	fetch: FetchPage,
	limit: number | undefined,
	maxPages = MAX_LIST_PAGES,
): Promise<ListResult> {
	const { pagination } = shape;
	const items: JsonObject[] = [];
	let position: PagePosition = pagination.style === 'page' ? { page: 1 } : {};
	for (let requests = 0; requests < maxPages; requests++) {
		const size = requestSize(pagination, limit, items.length);
		const page = await fetchPage(shape, fetch, position, size);
		items.push(...page.items);
		if (limit !== undefined && items.length >= limit)
			return { items: items.slice(0, limit), hasMore: items.length > limit || page.hasMore };
		if (!page.hasMore) return { items, hasMore: false };
		position = { page: page.nextPage, cursor: page.nextCursor };
	}
	return { items, hasMore: true };
}

/**
 * One page of a list. `size` is the `limit` asked for (`page` and `cursor` paging); an unpaged list is
 * one request, cut to `size` when given.
 */
export async function fetchPage(shape: ListShape, fetch: FetchPage, position: PagePosition, size: number | undefined): Promise<Page> {
	const { pagination } = shape;
	const body = await fetch(pagingParameters(pagination, position, size));
	const items = recordsOf(body, shape.at);
	const answer = isJsonObject(body) ? body : {};
	switch (pagination.style) {
		case 'none':
			return size === undefined || items.length <= size ? { items, hasMore: false } : { items: items.slice(0, size), hasMore: true };
		case 'page':
			return readNumberedPage(answer, items, position.page ?? 1, size ?? pagination.pageSize);
		case 'cursor':
			return readCursorPage(answer, items, position.cursor, pagination.hasMoreField);
	}
}

/** The `limit` the next request of a list asks for (for an unpaged list: how many records to keep). */
function requestSize(pagination: Pagination, limit: number | undefined, collected: number): number | undefined {
	switch (pagination.style) {
		case 'none':
			return limit;
		case 'page':
			// Page numbers count pages of one size: every request asks for the size of the first.
			return limit === undefined ? pagination.pageSize : Math.min(pagination.pageSize, limit);
		case 'cursor':
			return limit === undefined ? pagination.pageSize : Math.min(pagination.pageSize, limit - collected);
	}
}

function pagingParameters(pagination: Pagination, position: PagePosition, size: number | undefined): Values {
	switch (pagination.style) {
		case 'none':
			return {};
		case 'page':
			return { page: position.page ?? 1, limit: size ?? pagination.pageSize };
		case 'cursor':
			return position.cursor === undefined
				? { limit: size ?? pagination.pageSize }
				: { limit: size ?? pagination.pageSize, last_seen_id: position.cursor };
	}
}

/**
 * `page` / `limit` paging (call records: `{ count, limit, page, results }`): the last page is a short
 * or empty one, or the one that reaches `count`. Smartflo may cap the page size; its `limit` says by how much.
 */
function readNumberedPage(answer: JsonObject, items: JsonObject[], page: number, size: number): Page {
	const appliedSize = positiveNumberOf(answer.limit) ?? size;
	const total = positiveNumberOf(answer.count);
	const last = items.length === 0 || items.length < appliedSize || (total !== undefined && page * appliedSize >= total);
	const result: Page = last ? { items, hasMore: false } : { items, hasMore: true, nextPage: page + 1 };
	if (total !== undefined) result.total = total;
	return result;
}

/**
 * Keyset paging with `last_seen_id` (users: `{ has_more, last_seen_id, data }`; DND: `{ hasMore, data }`):
 * the next cursor is Smartflo's `last_seen_id`, else the last record's `id`. It ends when Smartflo says
 * there is no more, on an empty page, or when the cursor does not move (a server that ignores it).
 */
function readCursorPage(answer: JsonObject, items: JsonObject[], cursor: string | undefined, hasMoreField: string): Page {
	const next = answer.last_seen_id ?? items[items.length - 1]?.id;
	const nextCursor = next === undefined || next === null || typeof next === 'object' ? undefined : String(next);
	const hasMore = answer[hasMoreField] !== false && items.length > 0 && nextCursor !== undefined && nextCursor !== cursor;
	return hasMore ? { items, hasMore, nextCursor } : { items, hasMore: false };
}
