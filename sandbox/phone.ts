export function digitsOf(value: string): string {
	return value.replace(/\D/g, '');
}

/**
 * Smartflo accepts customer numbers of 10–15 digits; a leading `+` (as in `+91…`) or trunk `0` is
 * allowed and not counted.
 */
export function isValidCustomerNumber(value: string): boolean {
	const national = value.trim().replace(/^\+/, '').replace(/^0/, '');
	return /^\d{10,15}$/.test(national);
}

/**
 * Smartflo returns numbers as `+91…`, `91…`, `0…` or bare 10 digits, so numbers are compared on their
 * last 10 digits, as integrators do.
 */
export function isSameNumber(a: string, b: string): boolean {
	const left = digitsOf(a);
	const right = digitsOf(b);
	return left.length >= 10 && right.length >= 10 && left.slice(-10) === right.slice(-10);
}
