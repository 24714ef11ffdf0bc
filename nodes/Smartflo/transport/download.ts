import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { headerValue } from '../../../src/api/answer';
import { answerOf, connectionFailureWords, responseOf, transportErrorOf } from '../../../src/n8n';

export interface DownloadedFile {
	bytes: Buffer;
	/** From Content-Type, when the server sent one. */
	mimeType?: string;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * Fetches a pre-signed link (a call recording) with n8n's plain request helper: no bearer token, n8n's
 * proxy and TLS settings. The link is a secret: neither the errors thrown here nor their descriptions
 * contain it, and the helper's own error (whose request config holds it) is not kept as a cause.
 */
export async function downloadSignedFile(this: IExecuteFunctions, url: string, itemIndex: number, what: string): Promise<DownloadedFile> {
	const node = this.getNode();
	const fail = (message: string, description: string, httpCode?: number) =>
		new NodeApiError(node, {}, { message, description, itemIndex, ...(httpCode === undefined ? {} : { httpCode: String(httpCode) }) });
	if (!isHttpUrl(url)) {
		throw new NodeOperationError(node, `The link to ${what} is not an http(s) URL`, {
			itemIndex,
			description: 'Map the recording_url of a call record (Call Record → Get Many, or a Smartflo webhook) unchanged.',
		});
	}

	let response: { status: number; headers?: Record<string, unknown>; body: unknown };
	try {
		const raw = await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
		});
		const answer = answerOf(raw);
		if (!answer) throw new Error('no response');
		response = answer;
	} catch (error) {
		const answer = answerOf(responseOf(error));
		if (!answer) {
			const { kind, causeCode } = transportErrorOf(error);
			const code = causeCode ? `Network error ${causeCode}. ` : '';
			throw fail(
				`Could not download ${what}: ${connectionFailureWords(kind, causeCode)}`,
				`${code}Check that n8n can reach Smartflo’s recording server, then try again.`,
			);
		}
		response = answer;
	}

	const { status } = response;
	if (status === 401 || status === 403) {
		throw fail(
			`The link to ${what} was refused (HTTP ${status})`,
			'Pre-signed links expire. Read the call record again for a fresh recording_url, then download it at once.',
			status,
		);
	}
	if (status === 404)
		throw fail(
			`Smartflo has no file behind the link to ${what} (HTTP 404)`,
			'The recording may have been deleted, or the link was changed.',
			status,
		);
	if (status < 200 || status >= 300)
		throw fail(`Could not download ${what} (HTTP ${status})`, 'Try again later, or enable Retry On Fail in the node settings.', status);

	const bytes = bytesOf(response.body);
	const mimeType = headerValue(response.headers, 'content-type');
	if (bytes.length === 0)
		throw fail(`The download of ${what} is empty`, 'Smartflo may still be writing the recording; try again in a minute.', status);
	if (mimeType && /^(text\/html|application\/json)/i.test(mimeType)) {
		throw fail(
			`The link to ${what} answered with ${mimeType.split(';')[0]} instead of a file`,
			'The link is not a recording link, or it has expired.',
			status,
		);
	}
	return mimeType ? { bytes, mimeType: mimeType.split(';')[0].trim() } : { bytes };
}

function isHttpUrl(text: string): boolean {
	try {
		const { protocol } = new URL(text);
		return protocol === 'https:' || protocol === 'http:';
	} catch {
		return false;
	}
}

function bytesOf(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}
