import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * How a request body is labelled. yoga matches `Content-Type` case-sensitively, but media types are
 * case-insensitive (RFC 9110 §8.3.1): `APPLICATION/JSON` got 415. The type and subtype are lower-cased
 * before yoga picks a parser (parameters such as a multipart boundary are left as sent).
 *
 * A compressed body (`Content-Encoding: gzip`, …) is answered 415 with `Accept-Encoding: identity`
 * rather than decoded: yoga would read the compressed bytes as JSON, and decoding would make the body
 * limit a limit on compressed bytes unless every decoder were bounded too. The login and refresh
 * bodies are a few hundred bytes; no client needs to compress them.
 */
export function useRequestBodyFormat(): Plugin {
	return {
		onRequest({ request }) {
			const contentType = request.headers.get('content-type');
			if (contentType === null) return;
			const separator = contentType.indexOf(';');
			const mediaType = separator === -1 ? contentType : contentType.slice(0, separator);
			const lowered = mediaType.trim().toLowerCase();
			if (lowered !== mediaType) request.headers.set('content-type', lowered + (separator === -1 ? '' : contentType.slice(separator)));
		},
		onRequestParse({ request }) {
			const codings = (request.headers.get('content-encoding') ?? '')
				.split(',')
				.map((coding) => coding.trim().toLowerCase())
				.filter((coding) => coding !== '' && coding !== 'identity');
			if (codings.length > 0) throw unsupportedEncoding();
		},
	};
}

function unsupportedEncoding() {
	return createGraphQLError('Compressed request bodies are not accepted; send the body without Content-Encoding.', {
		extensions: { http: { status: 415, headers: { 'Accept-Encoding': 'identity' } }, code: 'UNSUPPORTED_MEDIA_TYPE' },
	});
}
