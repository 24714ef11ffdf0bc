import type { ApiRoute } from '../context';
import { findRecordedCall, opensRecording, RECORDING_PATH, recordingBytes } from '../recordings';

/**
 * A call recording behind its pre-signed link: no Authorization, the link's `token` is the key. A
 * wrong or missing token is a 403, an unknown call a 404, as a storage bucket answers.
 */
export const recordingRoute: ApiRoute = {
	method: 'GET',
	path: RECORDING_PATH,
	auth: 'none',
	handle({ state, query }) {
		const callId = query.get('callId') ?? '';
		const token = query.get('token') ?? '';
		const record = findRecordedCall(state.calls.callRecords(), callId);
		if (!record) return { status: 404, body: 'Not Found', contentType: 'text/plain' };
		if (!opensRecording(record, token)) return { status: 403, body: 'Forbidden', contentType: 'text/plain' };
		return {
			status: 200,
			body: recordingBytes(record),
			contentType: 'audio/mpeg',
			headers: { 'Content-Disposition': `attachment; filename="${record.wire.call_id.replace(/[^\w.-]/g, '_')}.mp3"` },
		};
	},
};
