import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BuildOptions, EndpointDefinition, Values } from '../../../../src/api/endpoints';
import { listEndpoint } from '../../transport';
import { showFor } from './operation';

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

/** The records of a list endpoint of the catalogue, honouring Return All / Limit and the endpoint's paging. */
export async function getList(
	this: IExecuteFunctions,
	endpoint: EndpointDefinition,
	itemIndex: number,
	values: Values = {},
	options?: BuildOptions,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await listEndpoint.call(this, endpoint, values, limit, itemIndex, options);
}
