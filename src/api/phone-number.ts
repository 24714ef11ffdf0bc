/**
 * Smartflo takes customer numbers of 10–15 digits; a leading `+` (as in `+91…`) or trunk `0` is allowed
 * and not counted.
 */
export function isCustomerNumber(value: string): boolean {
	const national = value.trim().replace(/^\+/, '').replace(/^0/, '');
	return /^\d{10,15}$/.test(national);
}
