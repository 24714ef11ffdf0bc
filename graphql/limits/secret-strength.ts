/**
 * A deliberately simple, conservative count of how hard a secret is to guess: each character that does
 * not complete a run of three characters already seen in it counts log2(the number of different
 * characters in the secret) bits. So 32 × `a` counts 0, `abab…` 4, `abcdefgh` four times 30, and 32
 * characters that never repeat a run but use only 8 different ones 96; a random 64-character base64
 * string counts over 300, a random 32-digit hex string about 120 (it undercounts short random secrets,
 * which is why the bars built on it are 100 bits, not 128).
 */
export function estimatedSecretBits(secret: string): number {
	const characters = [...secret];
	const runs = new Set<string>();
	for (let index = 2; index < characters.length; index++) runs.add(characters.slice(index - 2, index + 1).join(''));
	const counted = Math.min(characters.length, runs.size + 2);
	return counted * Math.log2(new Set(characters).size);
}

export interface SecretRule {
	minLength: number;
	/** The least estimatedSecretBits must count. */
	minBits: number;
	/** How to make a good one, for the messages that refuse one: e.g. "make one with `openssl rand -base64 48`". */
	advice: string;
}

/** Why `secret` breaks `rule`, as the end of a sentence naming it (never quoting it); undefined when it does not. */
export function secretProblem(secret: string, rule: SecretRule): string | undefined {
	if ([...secret].length < rule.minLength) return `must have at least ${rule.minLength} characters of random text; ${rule.advice}`;
	const bits = Math.floor(estimatedSecretBits(secret));
	if (bits < rule.minBits)
		return `is too easy to guess: it repeats itself or uses too few different characters (${bits} bits counted, at least ${rule.minBits} needed); ${rule.advice}`;
	return undefined;
}
