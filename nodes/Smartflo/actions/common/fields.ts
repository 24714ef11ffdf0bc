import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isAbsent } from '../../../../src/api/endpoints';

/**
 * The node's parameters under Smartflo's field names (parameter name → field name). The catalogue's
 * buildRequest then leaves out empty values, trims text and splits lists.
 */
export function apiFields(values: IDataObject, names: Record<string, string>): IDataObject {
	return Object.fromEntries(Object.entries(names).map(([parameter, field]) => [field, values[parameter]]));
}

/** An update must change something: stops the item when every value is one a request leaves out. */
export function requireSomethingToUpdate(node: INode, values: IDataObject, itemIndex: number, description: string): void {
	if (Object.values(values).every(isAbsent)) {
		throw new NodeOperationError(node, 'Nothing to update', { itemIndex, description });
	}
}
