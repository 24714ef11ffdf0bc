import { GraphQLError, Kind } from 'graphql';

import type { Builder } from './builder';

export function defineDateTime(builder: Builder) {
	return builder.scalarType('DateTime', {
		description: 'An instant in time as an ISO-8601 string in UTC, e.g. "2026-11-29T10:00:00.000Z".',
		serialize: (value) => {
			const date = value instanceof Date ? value : new Date(value);
			if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date.');
			return date.toISOString();
		},
		parseValue: (value) => parseIsoDate(value),
		parseLiteral: (ast) => {
			if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO-8601 string.');
			return parseIsoDate(ast.value);
		},
	});
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseIsoDate(value: unknown): Date {
	if (typeof value !== 'string' || !ISO_8601.test(value)) throw new GraphQLError('DateTime must be an ISO-8601 string.');
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be a valid date.');
	return date;
}
