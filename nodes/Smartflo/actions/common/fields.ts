import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export { flag } from '../../../../src/api/endpoints';

/**
 * The API body or query for the parameters given: each parameter name maps to Smartflo's field name.
 * Empty values are left out, so Smartflo applies its own defaults.
 */
export function apiFields(values: IDataObject, names: Record<string, string>): IDataObject {
	const fields: IDataObject = {};
	for (const [parameter, field] of Object.entries(names)) {
		const value = values[parameter];
		if (value === undefined || value === null) continue;
		if (typeof value === 'string' && value.trim() === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		fields[field] = typeof value === 'string' ? value.trim() : value;
	}
	return fields;
}

/** A multi-select value, or a comma-separated string from an expression, as a list of trimmed, non-empty entries. */
export function listOf(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** An update must change something: stops the item when every value is absent (undefined or an empty list). */
export function requireSomethingToUpdate(node: INode, values: IDataObject, itemIndex: number, description: string): void {
	if (Object.values(values).every((value) => value === undefined || (Array.isArray(value) && value.length === 0))) {
		throw new NodeOperationError(node, 'Nothing to update', { itemIndex, description });
	}
}
