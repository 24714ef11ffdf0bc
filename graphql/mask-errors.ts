import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import { maskError as yogaMaskError, type MaskError } from 'graphql-yoga';

/**
 * yoga's production masking, without the JSON parser's error that yoga attaches to "POST body sent
 * invalid JSON." (V8 quotes the body, which may hold a password). What graphql-js quotes of the
 * document and the variables is reworded by useNoInputEchoes.
 */
export const maskError: MaskError = (error, message) => withoutParserError(yogaMaskError(error, message, false));

function withoutParserError(error: Error): Error {
	if (!(error instanceof GraphQLError) || !('originalError' in error.extensions)) return error;
	const { originalError: _quotesTheBody, ...extensions } = error.extensions;
	// yoga derives the status of a parse error from the original error; keep it explicit (400).
	const status = httpStatusOf(extensions);
	if (status) extensions.http = { status };
	return copyOf(error, { extensions });
}

/** The HTTP status yoga answers an error with (`extensions.http.status`), when one is set. */
export function httpStatusOf(extensions: GraphQLErrorExtensions): number | undefined {
	const status = (extensions.http as { status?: unknown } | undefined)?.status;
	return typeof status === 'number' ? status : undefined;
}

/** The same error (locations, path) with another message or other extensions. */
export function copyOf(error: GraphQLError, changes: { message?: string; extensions?: GraphQLError['extensions'] }): GraphQLError {
	return new GraphQLError(changes.message ?? error.message, {
		nodes: error.nodes,
		source: error.source,
		positions: error.positions,
		path: error.path,
		extensions: changes.extensions ?? error.extensions,
	});
}
