import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { headerValue } from '../../../src/api/answer';
import {
	acceptedMediaType,
	allowedRecordingUrl,
	checkDeclaredSize,
	isRedirect,
	readWithinLimit,
	RecordingRefusedError,
	redirectTarget,
	type RecordingDownloadPolicy,
	type RecordingRefusalReason,
} from '../../../src/api/recording-download';
import { answerOf, connectionFailureWords, responseOf, transportErrorOf } from '../../../src/n8n';

export interface DownloadedFile {
	bytes: Buffer;
	/** From Content-Type, when the server sent one. */
	mimeType?: string;
}

/** What to do about each refusal, in n8n's words. */
const REFUSAL_HINTS: Record<RecordingRefusalReason, string> = {
	NOT_A_LINK: 'Map the recording_url of a call record (Call Record → Get Many, or a Smartflo webhook) unchanged.',
	HOST_NOT_ALLOWED:
		'Recordings are downloaded only from Smartflo’s recording host, the credential’s Base URL host and the hosts under Options → Allowed Hosts. Add the host there only if you trust it.',
	REDIRECT_NOT_ALLOWED:
		'Redirects are followed only to Smartflo’s recording host, the credential’s Base URL host and the hosts under Options → Allowed Hosts. Add the host there only if you trust it.',
	TOO_MANY_REDIRECTS: 'The link leads through too many redirects; check that it is a Smartflo recording link.',
	NOT_A_RECORDING: 'The link is not a recording link, or it has expired. Read the call record again for a fresh recording_url.',
	TOO_LARGE: 'Raise Options → Max File Size (MB) if the recording is expected to be this large.',
};

/** An answer of n8n's request helper asked for a stream: the body is a Node stream (or, from some helpers, bytes). */
interface StreamedAnswer {
	status: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/**
 * Fetches a pre-signed link (a call recording) with n8n's plain request helper: no bearer token, n8n's
 * proxy and TLS settings. What may be fetched and accepted is the policy's (src/api/recording-download):
 * each redirect is one request of its own, checked before it is sent; the body is streamed and dropped
 * once it passes the size limit. The link is a secret: neither the errors thrown here nor their
 * descriptions contain it, and the helper's own error (whose request config holds it) is not kept as
 * a cause.
 */
export async function downloadSignedFile(
	this: IExecuteFunctions,
	link: string,
	itemIndex: number,
	policy: RecordingDownloadPolicy,
): Promise<DownloadedFile> {
	const node = this.getNode();
	const fail = (message: string, description: string, httpCode?: number) =>
		new NodeApiError(node, {}, { message, description, itemIndex, ...(httpCode === undefined ? {} : { httpCode: String(httpCode) }) });
	const refused = (error: RecordingRefusedError) =>
		error.reason === 'NOT_A_LINK' || error.reason === 'HOST_NOT_ALLOWED'
			? new NodeOperationError(node, error.message, { itemIndex, description: REFUSAL_HINTS[error.reason] })
			: fail(error.message, REFUSAL_HINTS[error.reason]);
	// One deadline for every hop and the body: the helper's own timeout stops at the headers of a stream.
	const deadline = AbortSignal.timeout(policy.timeoutMs);
	const cancelled = this.getExecutionCancelSignal?.();
	const signal = cancelled ? AbortSignal.any([deadline, cancelled]) : deadline;
	const connectionFailure = (error: unknown) => {
		if (deadline.aborted) {
			return fail(
				'Could not download the recording: no answer in time',
				`The download did not finish within ${policy.timeoutMs / 1000} seconds. For a large recording or a slow link, raise Options → Timeout (Seconds).`,
			);
		}
		const { kind, causeCode } = transportErrorOf(error);
		const code = causeCode ? `Network error ${causeCode}. ` : '';
		return fail(
			`Could not download the recording: ${connectionFailureWords(kind, causeCode)}`,
			`${code}Check that n8n can reach Smartflo’s recording server, then try again.`,
		);
	};

	try {
		let url = allowedRecordingUrl(policy, link);
		for (let redirects = 0; ; redirects++) {
			const { status, headers, body } = await requestOnce.call(this, url, signal, connectionFailure);
			if (isRedirect(status)) {
				discard(body);
				url = redirectTarget(policy, url, headerValue(headers, 'location'), redirects);
				continue;
			}
			if (status < 200 || status >= 300) {
				discard(body);
				throw statusError(fail, status);
			}
			const mimeType = orDiscard(body, () => {
				const type = acceptedMediaType(headerValue(headers, 'content-type'));
				checkDeclaredSize(policy, headerValue(headers, 'content-length'));
				return type;
			});
			const bytes = await readWithinLimit(policy, chunksOf(body)).catch((error: unknown) => {
				throw error instanceof RecordingRefusedError ? error : connectionFailure(error);
			});
			if (bytes.length === 0) {
				throw fail('The download of the recording is empty', 'Smartflo may still be writing the recording; try again in a minute.', status);
			}
			return mimeType ? { bytes, mimeType } : { bytes };
		}
	} catch (error) {
		throw error instanceof RecordingRefusedError ? refused(error) : error;
	}
}

/**
 * One GET of one URL: no redirect followed by the helper, the body as a stream, any status as an
 * answer. No answer at all is the error `connectionFailure` makes of the helper's.
 */
async function requestOnce(
	this: IExecuteFunctions,
	url: URL,
	signal: AbortSignal,
	connectionFailure: (error: unknown) => NodeApiError,
): Promise<StreamedAnswer> {
	try {
		const raw = await this.helpers.httpRequest({
			method: 'GET',
			url: url.href,
			encoding: 'stream',
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: signal,
		});
		const answer = answerOf(raw);
		if (!answer) throw new Error('no response');
		return answer;
	} catch (error) {
		// A helper that throws on an HTTP status despite ignoreHttpStatusErrors still carries the answer.
		const answer = answerOf(responseOf(error));
		if (!answer) throw connectionFailure(error);
		return answer;
	}
}

/** What `check` gives; when it throws, the body is closed first. */
function orDiscard<T>(body: unknown, check: () => T): T {
	let passed = false;
	try {
		const value = check();
		passed = true;
		return value;
	} finally {
		if (!passed) discard(body);
	}
}

function statusError(fail: (message: string, description: string, httpCode?: number) => NodeApiError, status: number): NodeApiError {
	if (status === 401 || status === 403) {
		return fail(
			`The link to the recording was refused (HTTP ${status})`,
			'Pre-signed links expire. Read the call record again for a fresh recording_url, then download it at once.',
			status,
		);
	}
	if (status === 404) {
		return fail(
			'Smartflo has no file behind the link to the recording (HTTP 404)',
			'The recording may have been deleted, or the link was changed.',
			status,
		);
	}
	return fail(
		`Could not download the recording (HTTP ${status})`,
		'Try again later, or enable Retry On Fail in the node settings.',
		status,
	);
}

/** The body as chunks: a stream as it comes, bytes from a helper that buffered anyway as one chunk. */
function chunksOf(body: unknown): AsyncIterable<Uint8Array | string> {
	if (isAsyncIterable(body)) return body as AsyncIterable<Uint8Array | string>;
	const whole =
		body instanceof ArrayBuffer
			? new Uint8Array(body)
			: ArrayBuffer.isView(body)
				? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
				: typeof body === 'string'
					? body
					: new Uint8Array(0);
	return (async function* () {
		yield whole;
	})();
}

function isAsyncIterable(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

/** Closes a body that will not be read, so that its connection does not stay busy. */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}
