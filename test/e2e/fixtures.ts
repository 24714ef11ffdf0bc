import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, 'fixtures');

/** A JSON fixture with its `{{NAME}}` placeholders filled in (inside strings, so values need no escaping). */
export function loadFixture<T = unknown>(relativePath: string, values: Record<string, string>): T {
	return fill(JSON.parse(readFileSync(join(FIXTURES, relativePath), 'utf8')), values) as T;
}

function fill(value: unknown, values: Record<string, string>): unknown {
	if (typeof value === 'string') {
		return value.replace(/\{\{([A-Z][A-Z0-9_]*)\}\}/g, (placeholder, name: string) => {
			if (!(name in values)) throw new Error(`No value for fixture placeholder ${placeholder}`);
			return values[name];
		});
	}
	if (Array.isArray(value)) return value.map((entry) => fill(entry, values));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fill(entry, values)]));
	}
	return value;
}
