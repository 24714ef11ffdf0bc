import { timingSafeEqual } from 'node:crypto';

import type { CallRecord } from './call-record';
import { SeededRandom } from './random';

export const RECORDING_PATH = '/file/recording';
/** Bytes of "audio" per second of talk, capped: enough to look like a file, small enough for tests. */
const BYTES_PER_SECOND = 1024;
const MAX_BYTES = 512 * 1024;
const FRAME_BYTES = 417;

/**
 * A CDR's pre-signed recording link pointed at the sandbox that serves it (the host the request came
 * to), keeping its `callId`, `type` and `token`; null stays null.
 */
export function localRecordingUrl(recordingUrl: string | null, host: string | undefined): string | null {
	if (recordingUrl === null || !host) return recordingUrl;
	const { search } = new URL(recordingUrl);
	return `http://${host}${RECORDING_PATH}${search}`;
}

/** The record of this call, when it has a recording. */
export function findRecordedCall(records: readonly CallRecord[], callId: string): CallRecord | undefined {
	return records.find((entry) => entry.wire.call_id === callId && entry.wire.recording_url !== null);
}

/** Whether `token` is exactly the one the record's recording link carries. */
export function opensRecording(record: CallRecord, token: string): boolean {
	const link = record.wire.recording_url;
	const expected = Buffer.from(link === null ? '' : (new URL(link).searchParams.get('token') ?? ''));
	const given = Buffer.from(token);
	return expected.length > 0 && expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The recording's bytes: the same on every download of the same call. They look like an MP3 (an ID3
 * tag, then frames that start with MPEG sync bytes) but the frames are noise.
 */
export function recordingBytes(record: CallRecord): Buffer {
	const random = new SeededRandom(`recording:${record.wire.call_id}`);
	const size = Math.min(MAX_BYTES, Math.max(FRAME_BYTES, record.wire.answered_seconds * BYTES_PER_SECOND));
	const bytes = Buffer.alloc(10 + size);
	bytes.write('ID3', 0, 'latin1');
	bytes[3] = 4;
	for (let offset = 10; offset < bytes.length; offset++) {
		const inFrame = (offset - 10) % FRAME_BYTES;
		bytes[offset] = inFrame === 0 ? 0xff : inFrame === 1 ? 0xfb : random.int(0, 255);
	}
	return bytes;
}
