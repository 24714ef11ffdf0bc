import type { SandboxConfig, SandboxConfigPatch } from './types';

/**
 * The bounds of every runtime setting, for the CLI flags, `startSandbox`, `configure` and the admin API
 * alike. Past them Node's timers misbehave (a delay over 2^31-1 ms fires at once) or tokens get claims
 * no JWT library reads (`exp: 1e+300`).
 */
export const CONFIG_BOUNDS: Record<keyof SandboxConfig, { min: number; max: number; flag: string }> = {
	// Ten years: longer than the permanent tokens Smartflo issues (about 9.5 years).
	tokenTtlSeconds: { min: 1, max: 315_360_000, flag: '--ttl' },
	// Ten minutes: any client has given up by then; a `hang` fault models a request never answered.
	latencyMs: { min: 0, max: 600_000, flag: '--latency' },
	maxPageSize: { min: 1, max: 10_000, flag: '--max-page-size' },
};

/**
 * A setting's value, or a TypeError naming it (by `label`: its flag for the CLI, its name elsewhere)
 * and its bounds. Only whole numbers are accepted; the CLI passes its text, which must be digits.
 */
export function checkConfigValue(name: keyof SandboxConfig, value: unknown, label: string = name): number {
	const { min, max } = CONFIG_BOUNDS[name];
	const number = typeof value === 'string' ? (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min || number > max) {
		const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(JSON.stringify(value) ?? value).slice(0, 40);
		throw new TypeError(`${label} must be an integer between ${min} and ${max}, got ${shown}`);
	}
	return number;
}

/** The config with the patch applied; throws TypeError on a bad value. Absent keys keep their value. */
export function applyConfigPatch(config: SandboxConfig, patch: SandboxConfigPatch): SandboxConfig {
	if (typeof patch !== 'object' || patch === null) throw new TypeError('A config patch must be an object');
	const pick = (name: keyof SandboxConfig) => (patch[name] === undefined ? config[name] : checkConfigValue(name, patch[name]));
	return { tokenTtlSeconds: pick('tokenTtlSeconds'), latencyMs: pick('latencyMs'), maxPageSize: pick('maxPageSize') };
}

export function isPositiveInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
