import { SmartfloError } from '../../src/auth';

/**
 * Records one list field returns at most, and when the caller does not say: one upstream page of the
 * paged lists (users, call records and broadcasts page by 100), so a list field costs one call to
 * Smartflo unless the caller pages on.
 */
export const PAGE_SIZE = Object.freeze({ default: 50, max: 100 });

/**
 * The page size for a list field's argument: `PAGE_SIZE.default` when absent, the value when it is a
 * whole number from 1 to `PAGE_SIZE.max`, else INVALID_INPUT naming `field` (the argument, e.g. "limit").
 */
export function pageSizeOf(requested: number | null | undefined, field: string): number {
	if (requested === undefined || requested === null) return PAGE_SIZE.default;
	if (!Number.isSafeInteger(requested) || requested < 1 || requested > PAGE_SIZE.max) {
		throw new SmartfloError('INVALID_INPUT', `${field} must be a whole number from 1 to ${PAGE_SIZE.max}.`, { field });
	}
	return requested;
}
