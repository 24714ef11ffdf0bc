/** Small, dependency-free statistics over benchmark samples. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(samples: readonly number[]): number {
	return percentile(samples, 50);
}

/** One metric measured once per round: the median round and how far the rounds spread. */
export interface AcrossRounds {
	median: number;
	min: number;
	max: number;
	rounds: number[];
}

export function acrossRounds(rounds: readonly number[]): AcrossRounds {
	return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds: [...rounds] };
}

export function ratio(numerator: number, denominator: number): number {
	return denominator === 0 ? Number.NaN : numerator / denominator;
}
