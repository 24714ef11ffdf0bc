import { inspect } from 'node:util';

/** Every way an error turns into text: String, its message, JSON, util.inspect with hidden properties, its stack. */
export function errorRenderings(error: unknown): string[] {
	return [
		String(error),
		(error as Error).message,
		JSON.stringify(error),
		inspect(error, { depth: 10, showHidden: true }),
		(error as Error).stack ?? '',
	];
}
