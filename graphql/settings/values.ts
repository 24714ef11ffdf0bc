import { normalizeBaseUrl, SmartfloError } from '../../src/auth';
import { rateLimitProblem, type RateLimit } from '../limits/rate-limiter';
import { ConfigError, type Setting } from './settings';

/** The parts of a setting that say what kind of value it takes: shared by every setting of that kind. */
type ValueKind<T> = Pick<Setting<T>, 'defaultText' | 'default' | 'parse'>;

/** A whole number between `min` and `max`. */
export function integerSetting(fallback: number, min: number, max: number): ValueKind<number> {
	return {
		defaultText: String(fallback),
		default: () => fallback,
		parse: (raw, name) => {
			if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}".`);
			const value = Number(raw);
			if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`);
			return value;
		},
	};
}

export function parseOnOff(raw: string, name: string): boolean {
	if (/^(on|true|1|yes)$/i.test(raw)) return true;
	if (/^(off|false|0|no)$/i.test(raw)) return false;
	throw new ConfigError(`${name} must be on or off, got "${raw}".`);
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** "10/60" = 10 per 60 seconds; "5/15m" = 5 per 15 minutes. */
export function rateSetting(fallback: RateLimit): ValueKind<RateLimit> & Pick<Setting<RateLimit>, 'value'> {
	return {
		value: '<n/seconds>',
		defaultText: `${fallback.limit}/${fallback.windowSeconds}`,
		default: () => fallback,
		parse: (raw, name) => {
			const match = /^(\d+)\s*\/\s*(\d+)\s*([smh]?)$/.exec(raw);
			if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
				throw new ConfigError(`${name} must look like 10/60 (10 per 60 seconds) or 5/15m, got "${raw}".`);
			}
			const rate = { limit: Number(match[1]), windowSeconds: Number(match[2]) * UNIT_SECONDS[match[3]] };
			const problem = rateLimitProblem(rate);
			if (problem) throw new ConfigError(`${name} ${problem}.`);
			return rate;
		},
	};
}

export function parseBaseUrl(raw: string, name: string): string {
	try {
		return normalizeBaseUrl(raw);
	} catch (error) {
		if (error instanceof SmartfloError) throw new ConfigError(`${name}: ${error.message}`);
		throw error;
	}
}

export function parseOrigins(raw: string, name: string): string[] {
	const origins = raw
		.split(',')
		.map((origin) => origin.trim())
		.filter(Boolean);
	for (const origin of origins) {
		let parsed: URL;
		try {
			parsed = new URL(origin);
		} catch {
			throw new ConfigError(`${name}: "${origin}" is not an origin such as https://app.example.com.`);
		}
		if (parsed.origin !== origin.replace(/\/$/, ''))
			throw new ConfigError(`${name}: "${origin}" must be an origin only (scheme, host, port).`);
	}
	return origins.map((origin) => origin.replace(/\/$/, ''));
}
