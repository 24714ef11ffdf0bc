import { inspect } from 'node:util';

import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { passwordCredential, runNode, runNodeError, type RunOptions } from './harness';
import { freePort } from '../helpers/fake-server';

let sandbox: SandboxHandle;
let answered: IDataObject[] = [];
let missed: IDataObject;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 5, callRecords: 30, liveCalls: 0 } });
	const { results } = (await sandboxGet(sandbox, '/v1/call/records?limit=100')) as { results: IDataObject[] };
	answered = results.filter((record) => record.status === 'answered');
	missed = results.find((record) => record.status === 'missed') as IDataObject;
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.resetStats();
});

const fromItem = (record: IDataObject, extra: IDataObject = {}): RunOptions => ({
	store: passwordCredential(sandbox.url),
	items: [{ json: record }],
	// The default: the expression, which n8n keeps in the node and resolves against the item.
	parameters: { resource: 'callRecord', operation: 'downloadRecording', recordingUrl: '={{ $json.recording_url }}', ...extra },
});
const served = async (url: unknown) => Buffer.from(await (await fetch(String(url))).arrayBuffer());
const bytesOf = (item: INodeExecutionData, field = 'data') => Buffer.from((item.binary?.[field] as IBinaryData).data, 'base64');

/** Every way an error or a run's output can be shown or logged. */
function renderings(error: Error & { description?: string }): string[] {
	return [
		error.message,
		error.description ?? '',
		String(error),
		JSON.stringify(error),
		inspect(error, { depth: 10, showHidden: true }),
		error.stack ?? '',
	];
}

describe('Call Record → Download Recording', () => {
	it('outputs the recording as binary data whose bytes are what Smartflo served, with the record’s fields but not its URL', async () => {
		const record = answered[0];
		const { output } = await runNode(fromItem(record));
		expect(output).toHaveLength(1);
		const [item] = output;
		expect(bytesOf(item).equals(await served(record.recording_url))).toBe(true);
		expect(bytesOf(item).subarray(0, 3).toString('latin1')).toBe('ID3');
		expect(item.binary?.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: `${String(record.call_id).replace(/[^\w.-]/g, '_')}.mp3`,
		});
		expect(item.json).toEqual(Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'recording_url')));
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(output)).not.toContain(String(new URL(String(record.recording_url)).searchParams.get('token')));
	});

	it('looks the record up by call ID, puts the file in the field asked for, under the file name asked for', async () => {
		const record = answered[3];
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: {
				resource: 'callRecord',
				operation: 'downloadRecording',
				recordingOf: 'callId',
				callId: record.call_id,
				binaryPropertyName: 'audio',
				options: { fileName: 'call.mp3' },
			},
		});
		expect(sandbox.stats().byPath['GET /v1/call/records']).toBe(1);
		expect(bytesOf(output[0], 'audio').equals(await served(record.recording_url))).toBe(true);
		expect(output[0].binary?.audio.fileName).toBe('call.mp3');
		expect(output[0].json.call_id).toBe(record.call_id);
	});

	it('says clearly that a record without a recording has none (a missed call), before downloading anything', async () => {
		const error = await runNodeError(fromItem(missed));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('This call record has no recording');
		expect(error.description).toMatch(/answered calls only \(this call: missed\)/);
		expect(sandbox.stats().byPath['GET /file/recording']).toBeUndefined();
		const byCallId = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'callRecord', operation: 'downloadRecording', recordingOf: 'callId', callId: missed.call_id },
		});
		expect(byCallId.message).toBe('This call record has no recording');
		const unknown = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'callRecord', operation: 'downloadRecording', recordingOf: 'callId', callId: 'no-such-call' },
		});
		expect(unknown.message).toBe('Smartflo has no call record for call_id no-such-call');
	});

	it('treats a webhook’s unresolved $recording_url placeholder as no recording', async () => {
		expect((await runNodeError(fromItem({ call_id: 'c1', recording_url: '$recording_url' }))).message).toBe(
			'This call record has no recording',
		);
	});

	describe('never shows the signed URL', () => {
		const secretOf = (url: unknown) => String(new URL(String(url)).searchParams.get('token'));

		it.each([
			[
				'an expired or tampered link (403)',
				(url: string) => url.replace(/token=\w{6}/, 'token=XXXXXX'),
				/^The link to the recording was refused \(HTTP 403\)$/,
				undefined,
			],
			[
				'an unknown call (404)',
				(url: string) => url.replace(/callId=[^&]+/, 'callId=gone'),
				/^Smartflo has no file behind the link to the recording \(HTTP 404\)$/,
				undefined,
			],
			[
				'an HTML error page',
				(url: string) => url,
				/^The link to the recording answered with text\/html instead of a file$/,
				{ type: 'html', status: 200 } as const,
			],
			[
				'a server error',
				(url: string) => url,
				/^Could not download the recording \(HTTP 503\)$/,
				{ type: 'serverError', status: 503 } as const,
			],
		])(
			'%s: a clear error with no URL or token in it, its description, its renderings, the error output or the logs',
			async (_case, tamper, message, fault) => {
				const record = answered[1];
				const url = tamper(String(record.recording_url));
				if (fault) sandbox.injectFault({ ...fault, match: '/file/recording' });
				const options = fromItem({ ...record, recording_url: url });
				const error = await runNodeError(options);
				expect(error.message).toMatch(message);
				expect(error.context?.itemIndex).toBe(0);
				for (const text of renderings(error)) {
					expect(text).not.toContain(secretOf(url));
					expect(text).not.toContain('/file/recording');
				}
				sandbox.clearFaults();
				if (fault) sandbox.injectFault({ ...fault, match: '/file/recording' });
				const { output, logs } = await runNode({ ...options, continueOnFail: true });
				expect(output).toEqual([{ json: { error: error.message, description: expect.any(String) }, pairedItem: { item: 0 } }]);
				expect(JSON.stringify(output)).not.toContain(secretOf(url));
				expect(logs.join('\n')).not.toContain(secretOf(url));
			},
		);

		it('a link to a server that does not answer: the network error, without the link', async () => {
			const port = await freePort();
			const url = `http://127.0.0.1:${port}/file/recording?callId=1&type=rec&token=Sup3rSecretSignedToken0123456789abcdefgh`;
			const error = await runNodeError(fromItem({ call_id: '1', recording_url: url }));
			expect(error.message).toBe('Could not download the recording: the connection was refused');
			expect(error.description).toMatch(/^Network error ECONNREFUSED\. /);
			for (const text of renderings(error)) expect(text).not.toContain('Sup3rSecretSignedToken');
		});

		it('a value that is not a link', async () => {
			const error = await runNodeError(fromItem({ call_id: '1', recording_url: 'ftp://files.example/rec?token=Sup3rSecret' }));
			expect(error.message).toBe('The link to the recording is not an http(s) URL');
			for (const text of renderings(error)) expect(text).not.toContain('Sup3rSecret');
		});
	});
});
