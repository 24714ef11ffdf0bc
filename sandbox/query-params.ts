/**
 * Values of a PHP-style array parameter: `name=a`, `name[]=a&name[]=b` and `name[0]=a` all count,
 * as does repeating the key. `name` must be a plain word.
 */
export function listParam(query: URLSearchParams, name: string): string[] {
	const key = new RegExp(`^${name}(\\[\\d*\\])?$`);
	const values: string[] = [];
	for (const [entry, value] of query) {
		if (key.test(entry) && value.trim() !== '') values.push(value.trim());
	}
	return values;
}

/** Scalar parameters as PHP reads them: the last occurrence of a key wins. */
export function scalarParams(query: URLSearchParams): Record<string, string> {
	return Object.fromEntries(query);
}

/** The number an id in a path spells, or NaN (equal to no id) unless it is all digits. */
export function numericId(text: string): number {
	return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
