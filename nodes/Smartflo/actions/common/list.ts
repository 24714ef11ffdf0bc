import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestAllByCursor, requestAllPages, requestList, type SmartfloRequest } from '../../transport';
import { showFor } from './operation';

export type Pagination = 'none' | 'page' | 'cursor';

/** A Get Many operation as data: where the list lives and how Smartflo pages it. */
export interface ListEndpoint {
	path: string;
	pagination: Pagination;
	/** Records asked for per request (paged endpoints). */
	pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 100;

export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: showFor(resource, operation, { returnAll: [false] }),
		},
	];
}

/** The records of a list endpoint, honouring Return All / Limit and the endpoint's paging. */
export async function getList(
	this: IExecuteFunctions,
	endpoint: ListEndpoint,
	itemIndex: number,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const request: SmartfloRequest = { method: 'GET', path: endpoint.path, qs };
	const options = { limit, pageSize: endpoint.pageSize ?? DEFAULT_PAGE_SIZE };
	switch (endpoint.pagination) {
		case 'page':
			return await requestAllPages.call(this, request, options, itemIndex);
		case 'cursor':
			return await requestAllByCursor.call(this, request, options, itemIndex);
		case 'none':
			return await requestList.call(this, request, limit, itemIndex);
	}
}
