import { TransportError, systemErrorCode, type HttpRequest, type HttpResponse, type HttpTransport } from '../../src/http/transport';

export interface FetchTransportOptions {
	/** Larger responses are refused (default 1 MiB). */
	maxResponseBytes?: number;
}

/**
 * The default transport of the library's SmartfloAuthClient: Node's built-in `fetch`, no HTTP dependency.
 * The GraphQL server uses the undici transport instead, for its explicit keep-alive pool and limits.
 */
export function createFetchTransport(options: FetchTransportOptions = {}): HttpTransport {
	const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
	return {
		async request(req: HttpRequest): Promise<HttpResponse> {
			const deadline = AbortSignal.timeout(req.timeoutMs);
			try {
				const response = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: deadline });
				const headers: Record<string, string> = {};
				response.headers.forEach((value, name) => {
					headers[name.toLowerCase()] = value;
				});
				return { status: response.status, headers, body: await readCapped(response, maxBytes) };
			} catch (error) {
				if (error instanceof TransportError) throw error;
				if (deadline.aborted) throw new TransportError('timeout');
				throw new TransportError('network', systemErrorCode(error));
			}
		},
	};
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			// Stop downloading the rest of an oversized body.
			await reader.cancel().catch(() => undefined);
			throw new TransportError('response-too-large');
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}
