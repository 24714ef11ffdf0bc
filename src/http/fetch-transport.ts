import { TransportError, systemErrorCode, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';

export interface FetchTransportOptions {
	/** Larger responses are refused (default 1 MiB). */
	maxResponseBytes?: number;
}

/**
 * The default transport: Node's built-in `fetch`, so the core needs no HTTP dependency. The GraphQL
 * server uses the undici transport instead, for its explicit keep-alive pool and limits.
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
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body) {
		size += chunk.byteLength;
		// Leaving the loop cancels the stream, so the rest of the body is never downloaded.
		if (size > maxBytes) throw new TransportError('response-too-large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}
