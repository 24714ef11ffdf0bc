/** Default-ignorable code points (U+200B zero-width space, U+00AD soft hyphen, U+FEFF, …) and control characters (NUL …). */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}]/gu;
/** Non-spacing and enclosing marks: the accents NFKD splits off their letters (U+0301 acute, U+0308 diaeresis, …). */
const COMBINING_MARKS = /[\p{Mn}\p{Me}]/gu;

/**
 * The form of a login ID the per-email limits (the lockout budget among them) are keyed on. Smartflo
 * is a Laravel/MySQL application whose default collations ignore case, accents, width and invisible
 * characters, so `DEMO@…`, `démo@…`, a full-width `ｄemo@…`, `de\u200bmo@…` and `demo@example.com.`
 * all reach the same account there and must share one budget here: NFKD (full-width and compatibility
 * forms to their plain letters, an accented letter to the letter and its accent), lower case, without
 * combining marks (the accents), default-ignorable and control characters, trimmed, and without a
 * trailing dot on the domain. Only the key is folded; Smartflo is sent the login ID as typed (trimmed).
 */
export function emailLimitKey(loginId: string): string {
	// Decomposed before and after lower-casing: a compatibility form may decompose to capitals (℡ is TEL), and a capital may lower-case to a letter and a mark (İ).
	const decomposed = loginId.normalize('NFKD').toLowerCase().normalize('NFKD');
	const folded = decomposed.replace(COMBINING_MARKS, '').replace(INVISIBLE, '').trim();
	return folded.includes('@') ? folded.replace(/\.+$/, '') : folded;
}
