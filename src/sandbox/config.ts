import type { SandboxConfig, SandboxConfigPatch } from './types';

/** The config with the patch applied; throws TypeError on a bad value. Absent keys keep their value. */
export function applyConfigPatch(config: SandboxConfig, patch: SandboxConfigPatch): SandboxConfig {
	if (typeof patch !== 'object' || patch === null) throw new TypeError('A config patch must be an object');
	return {
		tokenTtlSeconds: pick(patch.tokenTtlSeconds, config.tokenTtlSeconds, 'tokenTtlSeconds', POSITIVE_INTEGER),
		latencyMs: pick(patch.latencyMs, config.latencyMs, 'latencyMs', NON_NEGATIVE),
		maxPageSize: pick(patch.maxPageSize, config.maxPageSize, 'maxPageSize', POSITIVE_INTEGER),
	};
}

interface Rule {
	test(value: unknown): value is number;
	expected: string;
}

const POSITIVE_INTEGER: Rule = { test: isPositiveInteger, expected: 'a positive integer' };
const NON_NEGATIVE: Rule = { test: isNonNegative, expected: 'a non-negative number' };

function pick(value: unknown, current: number, name: string, rule: Rule): number {
	if (value === undefined) return current;
	if (!rule.test(value)) throw new TypeError(`${name} must be ${rule.expected}`);
	return value;
}

export function isPositiveInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isNonNegative(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
