/** What makes a limit's value one the server cannot hold, as the end of a sentence naming it; undefined when it can. */
export type LimitProblems<L> = { readonly [K in keyof L]: (value: L[K]) => string | undefined };

/**
 * The defaults with `given` over them. A TypeError naming the option (`<option>.<name>`) for a limit
 * that is unknown or cannot be held: a library user learns at construction, as the command does at start.
 */
export function resolveLimits<L extends object>(option: string, defaults: L, problems: LimitProblems<L>, given: Partial<L> = {}): L {
	for (const name of Object.keys(given)) {
		if (!Object.hasOwn(problems, name))
			throw new TypeError(`${option}.${name} is not a limit; the limits are ${Object.keys(problems).join(', ')}.`);
	}
	const limits = { ...defaults, ...given };
	for (const [name, problemOf] of Object.entries(problems) as Array<[keyof L & string, (value: unknown) => string | undefined]>) {
		const problem = problemOf(limits[name]);
		if (problem) throw new TypeError(`${option}.${name} ${problem}.`);
	}
	return limits;
}

export function wholeNumberProblem(value: number, min: number, max: number): string | undefined {
	return Number.isSafeInteger(value) && value >= min && value <= max
		? undefined
		: `must be a whole number from ${min} to ${max}, got ${value}`;
}
