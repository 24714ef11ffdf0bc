import type { ParamDefinition } from './types';

/** Shorthands for the catalogue's parameter lists. */
export const pathId = (label: string, description: string): ParamDefinition => ({
	name: 'id',
	label,
	in: 'path',
	type: 'text',
	required: true,
	description,
});

/** A parameter sent in the query string or the body. */
export const param =
	(where: 'query' | 'body') =>
	(
		name: string,
		label: string,
		type: ParamDefinition['type'],
		description: string,
		extra: Partial<ParamDefinition> = {},
	): ParamDefinition => ({
		name,
		label,
		in: where,
		type,
		description,
		...extra,
	});

export const query = param('query');
export const body = param('body');
