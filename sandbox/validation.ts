import { parseIstDateTime } from './ist-time';
import { validationFailed, type FieldErrors, type Reply } from './replies';

export type Input = Record<string, unknown>;

const TRUE_VALUES = new Set(['1', 'true']);
// Laravel's TrimStrings middleware leaves these as typed.
const UNTRIMMED_FIELDS = new Set(['password']);
const FALSE_VALUES = new Set(['0', 'false']);

/**
 * The few Laravel rules Smartflo's endpoints need, with Laravel's messages. As in Laravel, blank
 * strings count as absent (TrimStrings + ConvertEmptyStringsToNull middleware).
 */
export class Validator {
	private readonly errors: FieldErrors = {};

	constructor(private readonly input: Input) {}

	get failed(): boolean {
		return Object.keys(this.errors).length > 0;
	}

	reply(): Reply {
		return validationFailed(this.errors);
	}

	/** A required scalar, as text. */
	required(field: string): string | undefined {
		const value = this.input[field];
		if (isBlank(value)) return this.missing(field);
		if (!isScalar(value)) return this.fail(field, `The ${label(field)} must be a string.`);
		return UNTRIMMED_FIELDS.has(field) ? String(value) : String(value).trim();
	}

	optionalText(field: string): string | undefined {
		return isBlank(this.input[field]) ? undefined : this.required(field);
	}

	/** Laravel's `required` rule on its own, which also counts an empty array as absent. */
	requirePresence(field: string): void {
		const value = this.input[field];
		if (isBlank(value) || (Array.isArray(value) && value.length === 0)) this.missing(field);
	}

	optionalInteger(field: string, range: { min?: number; max?: number } = {}): number | undefined {
		return isBlank(this.input[field]) ? undefined : this.requiredInteger(field, range);
	}

	requiredInteger(field: string, range: { min?: number; max?: number } = {}): number | undefined {
		const text = this.required(field);
		if (text === undefined) return undefined;
		if (!/^[-+]?\d+$/.test(text)) return this.fail(field, `The ${label(field)} must be an integer.`);
		const value = Number(text);
		const { min, max } = range;
		if (min !== undefined && max !== undefined && (value < min || value > max)) {
			return this.fail(field, `The ${label(field)} must be between ${min} and ${max}.`);
		}
		if (min !== undefined && value < min) return this.fail(field, `The ${label(field)} must be at least ${min}.`);
		return value;
	}

	optionalChoice<T extends string>(field: string, allowed: readonly T[]): T | undefined {
		const text = this.optionalText(field);
		if (text === undefined) return undefined;
		if (!(allowed as readonly string[]).includes(text)) return this.fail(field, `The selected ${label(field)} is invalid.`);
		return text as T;
	}

	optionalBoolean(field: string): boolean | undefined {
		const text = this.optionalText(field)?.toLowerCase();
		if (text === undefined) return undefined;
		if (TRUE_VALUES.has(text)) return true;
		if (FALSE_VALUES.has(text)) return false;
		return this.fail(field, `The ${label(field)} field must be true or false.`);
	}

	/** A PHP `Y-m-d H:i:s` IST wall-clock value, as epoch ms. */
	optionalDateTime(field: string): number | undefined {
		return isBlank(this.input[field]) ? undefined : this.requiredDateTime(field);
	}

	requiredDateTime(field: string): number | undefined {
		const text = this.required(field);
		if (text === undefined) return undefined;
		const epochMs = parseIstDateTime(text);
		if (epochMs === undefined) return this.fail(field, `The ${label(field)} does not match the format Y-m-d H:i:s.`);
		return epochMs;
	}

	/**
	 * An optional array of integers (Laravel `array` + `<field>.*` rules); a single integer counts as a
	 * one-element array when `acceptSingle`.
	 */
	optionalIntegerList(field: string, range: { min?: number; max?: number } = {}, acceptSingle = false): number[] | undefined {
		const value = this.input[field];
		if (isBlank(value)) return undefined;
		const list = Array.isArray(value) ? value : acceptSingle ? [value] : undefined;
		if (list === undefined) return this.fail(field, `The ${label(field)} must be an array.`);
		const numbers: number[] = [];
		list.forEach((entry, index) => {
			const text = isScalar(entry) ? String(entry).trim() : '';
			const number = Number(text);
			const name = `${label(field)}.${index}`;
			if (!/^[-+]?\d+$/.test(text)) this.fail(`${field}.${index}`, `The ${name} must be an integer.`);
			else if ((range.min !== undefined && number < range.min) || (range.max !== undefined && number > range.max)) {
				this.fail(`${field}.${index}`, `The ${name} must be between ${range.min ?? '-∞'} and ${range.max ?? '∞'}.`);
			} else numbers.push(number);
		});
		return numbers;
	}

	/** An optional array of non-blank scalars, as text. */
	optionalTextList(field: string): string[] | undefined {
		const value = this.input[field];
		if (isBlank(value)) return undefined;
		if (!Array.isArray(value)) return this.fail(field, `The ${label(field)} must be an array.`);
		if (!value.every((entry) => isScalar(entry) && String(entry).trim() !== ''))
			return this.fail(field, `The ${label(field)} must be an array of strings.`);
		return value.map((entry) => String(entry).trim());
	}

	/** A rule of the endpoint's own (Laravel's closure rules): the message as given. */
	invalid(field: string, message: string): void {
		this.fail(field, message);
	}

	/** Two optional `Y-m-d H:i:s` IST dates, the second `after_or_equal` the first. */
	optionalDateRange(fromField: string, toField: string): { from?: number; to?: number } {
		const from = this.optionalDateTime(fromField);
		const to = this.optionalDateTime(toField);
		this.notBefore(toField, to, fromField, from);
		return { from, to };
	}

	/** Laravel's `after_or_equal:<other>` for two already parsed dates. */
	notBefore(field: string, value: number | undefined, other: string, otherValue: number | undefined): void {
		if (value !== undefined && otherValue !== undefined && value < otherValue) {
			this.fail(field, `The ${label(field)} must be a date after or equal to ${label(other)}.`);
		}
	}

	private missing(field: string): undefined {
		return this.fail(field, `The ${label(field)} field is required.`);
	}

	private fail(field: string, message: string): undefined {
		(this.errors[field] ??= []).push(message);
		return undefined;
	}
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isScalar(value: unknown): value is string | number | boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Laravel's displayable attribute name: snake case, underscores as spaces (`startOrEnd` → `start or end`). */
function label(field: string): string {
	return field
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.replace(/_/g, ' ');
}

/** Smartflo flags like `async` and `get_call_id` are sent as 1, "1" or true. */
export function isFlagSet(value: unknown): boolean {
	return value === 1 || value === '1' || value === true;
}
