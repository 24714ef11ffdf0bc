/** Where a delivery carries the shared secret: in the webhook URL's query string, or in a header. */
export type SecretPlacement = 'queryParameter' | 'header';

export const MIN_SECRET_LENGTH = 8;

/**
 * Characters that mean the same pasted into a URL as encoded: RFC 3986's unreserved set. Others change
 * meaning in a query string (`+` is a space, `&` ends the value, `#` ends the URL, `%` starts an escape).
 */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
/** What an HTTP header value carries unchanged: visible ASCII and inner spaces (a header's ends are trimmed). */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** The rule a secret must follow in each placement, as a field's description can state it. */
export const SECRET_RULES: Readonly<Record<SecretPlacement, string>> = {
	queryParameter: `at least ${MIN_SECRET_LENGTH} characters, only letters, digits and - . _ ~ (it goes into a URL)`,
	header: `at least ${MIN_SECRET_LENGTH} characters of visible ASCII, without spaces at either end`,
};

/**
 * Why `secret` cannot authenticate deliveries in `placement`, or undefined when it can. A secret outside
 * the placement's characters would arrive changed and never match.
 */
export function secretProblem(secret: string, placement: SecretPlacement): string | undefined {
	if (secret.length < MIN_SECRET_LENGTH) return `Set a Secret of at least ${MIN_SECRET_LENGTH} characters`;
	if (placement === 'queryParameter' && !URL_SAFE.test(secret)) {
		return 'A Secret sent in the query parameter may only use letters, digits and - . _ ~ : characters such as + & % # change meaning in a URL. Choose such a Secret, or send it in a header';
	}
	if (placement === 'header' && !HEADER_SAFE.test(secret)) {
		return 'A Secret sent in a header may only use visible ASCII characters, without spaces at either end';
	}
	return undefined;
}
