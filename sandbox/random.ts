const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A small seeded PRNG (mulberry32) so seeded data is identical on every run. */
export class SeededRandom {
	private state: number;

	constructor(seed: string) {
		this.state = hashSeed(seed);
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) | 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** Integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Picks by relative weight: `[[value, weight], …]`. */
	weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
		const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
		let roll = this.next() * total;
		for (const [value, weight] of choices) {
			roll -= weight;
			if (roll < 0) return value;
		}
		return choices[choices.length - 1][0];
	}

	digits(count: number): string {
		let text = '';
		for (let i = 0; i < count; i++) text += String(this.int(0, 9));
		return text;
	}

	hex(count: number): string {
		let text = '';
		for (let i = 0; i < count; i++) text += this.int(0, 15).toString(16);
		return text;
	}

	alphanumeric(count: number): string {
		let text = '';
		for (let i = 0; i < count; i++) text += ALPHANUMERIC[this.int(0, ALPHANUMERIC.length - 1)];
		return text;
	}

	/** A version-4-shaped UUID. */
	uuid(): string {
		const variant = this.pick(['8', '9', 'a', 'b']);
		return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
	}

	/** An Indian mobile number: 10 digits starting with 6–9. */
	mobile(): string {
		return `${this.int(6, 9)}${this.digits(9)}`;
	}
}

// FNV-1a, enough to spread a short seed string over 32 bits.
function hashSeed(seed: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		hash ^= seed.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}
