import type { ParamDefinition } from './types';

/** Shorthands for the catalogue's parameter lists. */
export const pathId = (label: string, description: string): ParamDefinition => ({ name: 'id', label, in: 'path', type: 'text', required: true, description });

export const query = (name: string, label: string, type: ParamDefinition['type'], description: string, extra: Partial<ParamDefinition> = {}): ParamDefinition => ({
	name,
	label,
	in: 'query',
	type,
	description,
	...extra,
});

export const body = (name: string, label: string, type: ParamDefinition['type'], description: string, extra: Partial<ParamDefinition> = {}): ParamDefinition => ({
	name,
	label,
	in: 'body',
	type,
	description,
	...extra,
});
