import { isJsonObject } from '../api/answer';

/** How much one webhook delivery may hold. Smartflo's largest payloads are a few KB, about 200 values. */
export interface PayloadLimits {
	/** The most bytes a delivery's body (or text inside it) may have. */
	maxBytes: number;
	/** The deepest nesting of objects and arrays in a payload, JSON text inside a field included. */
	maxDepth: number;
	/** The most values (objects, arrays and the values in them) in one delivery, JSON text inside it included. */
	maxValues: number;
	/** The most payloads in one delivery that is a JSON array. */
	maxPayloads: number;
}

export const DEFAULT_PAYLOAD_LIMITS: Readonly<PayloadLimits> = Object.freeze({
	maxBytes: 1_048_576,
	maxDepth: 16,
	maxValues: 20_000,
	maxPayloads: 100,
});

/** Why a delivery cannot be read: too big for the limits, or not a payload at all. */
export type PayloadProblem = 'too_large' | 'too_deep' | 'unreadable';

export interface PayloadRefusal {
	problem: PayloadProblem;
	message: string;
}

/** Keys that would reach or replace an object's prototype when copied; dropped at every depth. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
	return UNSAFE_KEYS.has(key);
}

/**
 * The allowance of one delivery. Every value read from it counts, also the values of JSON text inside
 * a field, so the work spent on a delivery never exceeds the limits whatever its shape. Once a limit is
 * passed the budget is refused: it remembers why, and every further read returns null at once. Nothing
 * here throws; the caller checks `refusal` when done.
 */
export class PayloadBudget {
	private valuesLeft: number;
	private refused: PayloadRefusal | undefined;

	constructor(readonly limits: Readonly<PayloadLimits> = DEFAULT_PAYLOAD_LIMITS) {
		this.valuesLeft = limits.maxValues;
	}

	/** Why the delivery cannot be read, once a limit has been passed (or `refuse` was called). */
	get refusal(): PayloadRefusal | undefined {
		return this.refused;
	}

	/** Refuses the delivery; the first reason given is kept. */
	refuse(problem: PayloadProblem, message: string): void {
		this.refused ??= { problem, message };
	}

	/**
	 * A plain JSON copy of `value` at nesting `depth` (0 for a payload itself): objects and arrays copied,
	 * keys that reach a prototype (`__proto__`, `constructor`, `prototype`) dropped at every depth, numbers
	 * that JSON cannot hold and anything that is not JSON made null. Null once the budget is refused.
	 */
	copy(value: unknown, depth = 0): unknown {
		if (this.refused || !this.spend(1)) return null;
		if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
		if (typeof value === 'number') return Number.isFinite(value) ? value : null;
		if (!Array.isArray(value) && !isJsonObject(value)) return null;
		if (depth >= this.limits.maxDepth) {
			this.refuse('too_deep', `A payload nests objects and arrays more than ${this.limits.maxDepth} levels deep`);
			return null;
		}
		if (Array.isArray(value)) {
			const items: unknown[] = [];
			for (const item of value) {
				if (this.refused) return null;
				items.push(this.copy(item, depth + 1));
			}
			return items;
		}
		const copy: Record<string, unknown> = {};
		for (const key of Object.keys(value)) {
			if (this.refused) return null;
			if (!isUnsafeKey(key.trim())) copy[key] = this.copy(value[key], depth + 1);
		}
		return copy;
	}

	/** An object or array written as JSON text, copied as `copy` does; undefined for any other text. */
	parseJson(text: string, depth = 0): unknown {
		if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
		if (!this.fits(text.length)) return null;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			return undefined;
		}
		return this.copy(value, depth);
	}

	/**
	 * Whether a body or text of `length` bytes may be read; refuses the delivery when it may not. A text's
	 * length in UTF-16 units will do: each unit is at least one byte of UTF-8.
	 */
	fits(length: number): boolean {
		if (length <= this.limits.maxBytes) return true;
		this.refuse('too_large', `The delivery is larger than ${this.limits.maxBytes} bytes`);
		return false;
	}

	private spend(values: number): boolean {
		this.valuesLeft -= values;
		if (this.valuesLeft >= 0) return true;
		this.refuse('too_large', `The delivery holds more than ${this.limits.maxValues} values`);
		return false;
	}
}
