import type { Directory } from './directory';

/**
 * Smartflo's `type||id` destination, as the sandbox reads it (independently of the clients' encoder):
 * undefined when it is not of that form or points to nothing in the account.
 */
export function resolveDestination(directory: Directory, text: string): { type: string; target: string; name: string } | undefined {
	const match = /^([a-z_]+)\|\|(.+)$/.exec(text.trim());
	if (!match) return undefined;
	return directory.resolveDestination(match[1], match[2].trim());
}

/** Whether the text has the `type||id` form at all. */
export function isDestinationFormat(text: string): boolean {
	return /^[a-z_]+\|\|.+$/.test(text.trim());
}
