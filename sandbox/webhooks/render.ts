import type { VariableValue } from './variables';

export interface RenderOptions {
	/** Variables with no value stay `$name` instead of becoming "". */
	unresolvedPlaceholders: boolean;
	trailingSpaceKey: boolean;
	dollarKeys: boolean;
}

const WHOLE_VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;
const EMBEDDED_VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;
const TRAILING_SPACE_KEY = 'customer_no_with_prefix';

/**
 * Fills a body template in the way Smartflo's payloads show it does: a string value that is exactly one
 * `$variable` takes the variable's value with its type (an object, an array or text), `$variables`
 * inside longer text are replaced by their text, and a variable Smartflo does not know stays as it was.
 */
export function renderTemplate(
	template: Record<string, unknown>,
	variables: Record<string, VariableValue>,
	options: RenderOptions,
): Record<string, unknown> {
	const filled = fill(template, variables, options) as Record<string, unknown>;
	return Object.fromEntries(
		Object.entries(filled).map(([key, value]) => {
			const spaced = options.trailingSpaceKey && key === TRAILING_SPACE_KEY ? `${key} ` : key;
			return [options.dollarKeys ? `$${spaced}` : spaced, value];
		}),
	);
}

function fill(value: unknown, variables: Record<string, VariableValue>, options: RenderOptions): unknown {
	if (typeof value === 'string') return fillText(value, variables, options);
	if (Array.isArray(value)) return value.map((entry) => fill(entry, variables, options));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fill(entry, variables, options)]));
	}
	return value;
}

function fillText(text: string, variables: Record<string, VariableValue>, options: RenderOptions): unknown {
	const whole = WHOLE_VARIABLE.exec(text);
	if (whole) return resolve(whole[1], text, variables, options);
	return text.replace(EMBEDDED_VARIABLE, (placeholder, name: string) => {
		const value = resolve(name, placeholder, variables, options);
		return typeof value === 'string' ? value : JSON.stringify(value);
	});
}

function resolve(name: string, placeholder: string, variables: Record<string, VariableValue>, options: RenderOptions): unknown {
	if (!Object.hasOwn(variables, name)) return placeholder;
	const value = variables[name];
	if (value === null) return options.unresolvedPlaceholders ? placeholder : '';
	return value;
}
