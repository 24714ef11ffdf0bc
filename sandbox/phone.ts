export function digitsOf(value: string): string {
	return value.replace(/\D/g, '');
}

/** Smartflo's rule for customer numbers, which the core's catalogue also checks before sending. */
export { isCustomerNumber as isValidCustomerNumber } from '../src/api/phone-number';

/**
 * Smartflo returns numbers as `+91…`, `91…`, `0…` or bare 10 digits, so numbers are compared on their
 * last 10 digits, as integrators do.
 */
export function isSameNumber(a: string, b: string): boolean {
	const left = digitsOf(a);
	const right = digitsOf(b);
	return left.length >= 10 && right.length >= 10 && left.slice(-10) === right.slice(-10);
}
