import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS, type EndpointDefinition } from '../../../src/api/endpoints';
import { listEndpointPage, type Page, type PagePosition } from '../transport';
import {
	agentChoice,
	byName,
	callerIdChoice,
	choicesOf,
	ENOUGH_RESULTS,
	matchesFilter,
	MAX_PAGES_PER_SEARCH,
	MAX_UNPAGED_RESULTS,
	myNumberChoice,
	namedChoice,
	userChoice,
	type Choice,
} from './choices';

/**
 * The "From List" searches of the resource locators (node version 2). Smartflo has no search
 * parameters, so the filter is applied to what it lists: names, IDs and numbers, case-insensitive.
 *
 * Lists Smartflo pages (users, broadcasts) are read a page at a time: one search reads at most
 * {@link MAX_PAGES_PER_SEARCH} pages, stops once it has {@link ENOUGH_RESULTS} matches, and returns
 * where it stopped as the pagination token, from which the next search (the editor's "load more")
 * goes on. Lists Smartflo answers whole are one request, and show their first
 * {@link MAX_UNPAGED_RESULTS} matches by name.
 */

const { broadcast, department, lead, myNumber, routing, user } = SMARTFLO_ENDPOINTS;

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPaged.call(this, user.getMany, agentChoice, filter, paginationToken);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPaged.call(this, user.getMany, userChoice, filter, paginationToken);
}

export async function searchBroadcasts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPaged.call(this, broadcast.getMany, namedChoice('Broadcast'), filter, paginationToken);
}

export async function searchCallerIds(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, myNumber.getMany, callerIdChoice, filter);
}

export async function searchMyNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, myNumber.getMany, myNumberChoice, filter);
}

export async function searchDepartments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, department.getMany, namedChoice('Department'), filter);
}

export async function searchIvrs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, routing.ivrs, namedChoice('IVR'), filter);
}

export async function searchAutoAttendants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, routing.autoAttendants, namedChoice('Auto attendant'), filter);
}

export async function searchLeadLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchWhole.call(this, lead.lists, namedChoice('Lead list'), filter);
}

type ChoiceOf = (entry: IDataObject) => Choice | undefined;

async function searchWhole(
	this: ILoadOptionsFunctions,
	endpoint: EndpointDefinition,
	choice: ChoiceOf,
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const { items } = await listEndpointPage.call(this, endpoint, {}, {});
	const matches = byName(choicesOf(items as IDataObject[], choice).filter((entry) => matchesFilter(entry, filter)));
	return { results: matches.slice(0, MAX_UNPAGED_RESULTS).map(listItem) };
}

async function searchPaged(
	this: ILoadOptionsFunctions,
	endpoint: EndpointDefinition,
	choice: ChoiceOf,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let position: PagePosition | undefined = positionOf(endpoint, paginationToken);
	for (let pages = 0; pages < MAX_PAGES_PER_SEARCH && position !== undefined && results.length < ENOUGH_RESULTS; pages++) {
		const page: Page = await listEndpointPage.call(this, endpoint, {}, position);
		results.push(
			...choicesOf(page.items as IDataObject[], choice)
				.filter((entry) => matchesFilter(entry, filter))
				.map(listItem),
		);
		position = page.hasMore ? { page: page.nextPage, cursor: page.nextCursor } : undefined;
	}
	const token = position?.cursor ?? (position?.page === undefined ? undefined : String(position.page));
	return token === undefined ? { results } : { results, paginationToken: token };
}

/**
 * Where a search goes on: the token a search returned (a page number or a cursor, as the endpoint
 * pages), or the start. A token that is not one of ours starts over.
 */
function positionOf(endpoint: EndpointDefinition, token: string | undefined): PagePosition {
	if (token === undefined || token === '' || endpoint.response.kind !== 'list') return {};
	const { pagination } = endpoint.response;
	if (pagination.style === 'page') return /^[1-9]\d{0,8}$/.test(token) ? { page: Number(token) } : {};
	return pagination.style === 'cursor' && /^[\w.-]{1,64}$/.test(token) ? { cursor: token } : {};
}

function listItem({ name, value }: Choice): INodeListSearchItems {
	return { name, value };
}
