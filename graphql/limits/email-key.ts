/** Default-ignorable code points (U+200B zero-width space, U+00AD soft hyphen, U+FEFF, …) and control characters (NUL …). */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;

/**
 * The form of a login ID the per-email limits are keyed on. Smartflo is a Laravel/MySQL application
 * whose default collation ignores case, width and invisible characters, so `DEMO@…`, a full-width
 * `ｄemo@…`, `de\u200bmo@…` and `demo@example.com.` all reach the same account there and must share one
 * budget here: NFKC (full-width and compatibility forms to their plain letters), lower case, without
 * default-ignorable and control characters, trimmed, and without a trailing dot on the domain.
 * Only the key is folded; Smartflo is sent the login ID as typed (trimmed).
 */
export function emailLimitKey(loginId: string): string {
	const folded = loginId.normalize('NFKC').toLowerCase().replace(INVISIBLE, '').trim();
	return folded.includes('@') ? folded.replace(/\.+$/, '') : folded;
}
