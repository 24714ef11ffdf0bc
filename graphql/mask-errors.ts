import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type MaskError } from 'graphql-yoga';

const VARIABLE_VALUE_ECHO = /^(Variable "\$[^"]+") got invalid value /;

/**
 * yoga's production masking, without two echoes of what the caller sent, which may be a password:
 * the JSON parser's error yoga attaches to "POST body sent invalid JSON." (V8 quotes the body), and
 * graphql-js's `Variable "$password" got invalid value <the value>`.
 */
export const maskError: MaskError = (error, message) => withoutEchoes(yogaMaskError(error, message, false));

function withoutEchoes(error: Error): Error {
	if (!(error instanceof GraphQLError)) return error;
	const variable = VARIABLE_VALUE_ECHO.exec(error.message);
	if (variable) {
		return new GraphQLError(`${variable[1]} got an invalid value.`, {
			nodes: error.nodes,
			extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
		});
	}
	if (!('originalError' in error.extensions)) return error;
	const { originalError: _quotesTheBody, ...extensions } = error.extensions;
	// yoga derives the status of a parse error from the original error; keep it explicit (400).
	const status = (extensions.http as { status?: number } | undefined)?.status;
	if (status) extensions.http = { status };
	return new GraphQLError(error.message, {
		nodes: error.nodes,
		source: error.source,
		positions: error.positions,
		path: error.path,
		extensions,
	});
}
