import type { IDataObject } from 'n8n-workflow';

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

/** Smartflo's flags are 1 / 0 (Laravel's `boolean` rule does not accept "true" / "false" in a query). */
export function flag(value: unknown): 0 | 1 {
	return value === true || value === 1 || value === '1' ? 1 : 0;
}
