import { inspect } from 'node:util';

import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { passwordCredential, runNode, runNodeError, type RunOptions } from './harness';
import { freePort, startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server';

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
				/^The link to the recording answered with text\/html instead of an audio file$/,
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
			const error = await runNodeError(
				fromItem({ call_id: '1', recording_url: url }, { options: { allowedHosts: `http://127.0.0.1:${port}` } }),
			);
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

describe('Call Record → Download Recording fetches only what it should', () => {
	const TOKEN = 'Sup3rSecretSignedToken0123456789abcdefgh';
	const MB = 1024 * 1024;
	let allowed: FakeServer;
	let second: FakeServer;
	let foreign: FakeServer;
	beforeAll(async () => {
		[allowed, second, foreign] = await Promise.all([startFakeServer(), startFakeServer(), startFakeServer()]);
	});
	afterAll(() => Promise.all([allowed.close(), second.close(), foreign.close()]));
	beforeEach(() => {
		for (const server of [allowed, second, foreign]) {
			server.requests.splice(0);
			server.reply(() => ({ status: 404, body: 'Not Found' }));
		}
	});

	const link = (server: FakeServer, path = '/file/recording') => `${server.url}${path}?callId=1&type=rec&token=${TOKEN}`;
	const audio = (bytes: Buffer, type = 'audio/mpeg') => ({
		status: 200,
		headers: { 'content-type': type },
		body: bytes.toString('latin1'),
	});
	const withOptions = (url: string, options: IDataObject = {}) =>
		fromItem({ call_id: '1715235734.129662', recording_url: url }, { options: { allowedHosts: allowed.url, ...options } });
	const expectNoSecret = async (options: RunOptions, error: Error & { description?: string }) => {
		for (const text of renderings(error)) {
			expect(text).not.toContain(TOKEN);
			expect(text).not.toContain('/file/recording');
		}
		const { output, logs } = await runNode({ ...options, continueOnFail: true });
		expect(output[0].json.error).toBe(error.message);
		expect(JSON.stringify(output)).not.toContain(TOKEN);
		expect(logs.join('\n')).not.toContain(TOKEN);
	};

	it('refuses a host that is not allowed without connecting to it', async () => {
		const options = fromItem({ call_id: '1', recording_url: link(foreign) });
		const error = await runNodeError(options);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(`The link to the recording points to ${new URL(foreign.url).host}, which is not an allowed host`);
		expect(error.description).toMatch(/Options → Allowed Hosts/);
		expect(error.context?.itemIndex).toBe(0);
		await expectNoSecret(options, error);
		expect(foreign.connections()).toBe(0);
		expect(foreign.requests).toHaveLength(0);
	});

	it('refuses Smartflo’s recording host over plain http, without connecting', async () => {
		const error = await runNodeError(
			fromItem({ call_id: '1', recording_url: `http://cloudphone.tatateleservices.com/file/recording?token=${TOKEN}` }),
		);
		expect(error.message).toBe('The link to the recording uses http for cloudphone.tatateleservices.com, which is allowed over https only');
	});

	it('downloads from a host allowed under Options → Allowed Hosts, as the type it was served as', async () => {
		const bytes = Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt ', 'latin1');
		allowed.reply(() => audio(bytes, 'audio/wav; charset=binary'));
		const { output } = await runNode(withOptions(link(allowed)));
		expect(bytesOf(output[0]).equals(bytes)).toBe(true);
		expect(output[0].binary?.data).toMatchObject({ mimeType: 'audio/wav', fileName: '1715235734.129662.wav' });
		expect(allowed.requests.map((request) => request.path)).toEqual([`/file/recording?callId=1&type=rec&token=${TOKEN}`]);
		expect(allowed.requests[0].headers.authorization).toBeUndefined();
	});

	it('follows redirects one hop at a time among allowed hosts: allowed host → a relative link → another allowed host → the sandbox', async () => {
		const record = answered[2];
		allowed.reply((request) =>
			request.path.startsWith('/first')
				? { status: 302, headers: { location: `/second?token=${TOKEN}` }, body: '' }
				: { status: 301, headers: { location: link(second, '/third') }, body: '' },
		);
		second.reply(() => ({ status: 307, headers: { location: String(record.recording_url) }, body: '' }));
		const { output } = await runNode(withOptions(link(allowed, '/first'), { allowedHosts: `${allowed.url}, ${second.url}` }));
		expect(sandbox.stats().byPath['GET /file/recording']).toBe(1);
		expect(bytesOf(output[0]).equals(await served(record.recording_url))).toBe(true);
		expect(allowed.requests.map((request) => request.path.split('?')[0])).toEqual(['/first', '/second']);
		expect(second.requests.map((request) => request.path.split('?')[0])).toEqual(['/third']);
	});

	it('refuses a redirect to a host that is not allowed, without connecting to it', async () => {
		allowed.reply(() => ({ status: 302, headers: { location: link(foreign) }, body: '' }));
		const options = withOptions(link(allowed));
		const error = await runNodeError(options);
		expect(error.message).toBe(
			`The recording’s server redirected: the new link points to ${new URL(foreign.url).host}, which is not an allowed host`,
		);
		await expectNoSecret(options, error);
		expect(allowed.requests).toHaveLength(2);
		expect(foreign.connections()).toBe(0);
	});

	it('stops after 5 redirects', async () => {
		allowed.reply((_request, index) => ({ status: 302, headers: { location: `/hop${index}?token=${TOKEN}` }, body: '' }));
		const error = await runNodeError(withOptions(link(allowed)));
		expect(error.message).toBe('The recording’s server redirected more than 5 times');
		expect(allowed.requests).toHaveLength(6);
	});

	it.each([
		['text/plain', 'text/plain; charset=utf-8'],
		['text/html', 'text/html'],
		['application/json', 'application/json'],
	])('refuses an answer served as %s', async (type, contentType) => {
		allowed.reply(() => ({ status: 200, headers: { 'content-type': contentType }, body: `token=${TOKEN}` }));
		const options = withOptions(link(allowed));
		const error = await runNodeError(options);
		expect(error.message).toBe(`The link to the recording answered with ${type} instead of an audio file`);
		await expectNoSecret(options, error);
	});

	it('accepts a binary type: application/octet-stream', async () => {
		allowed.reply(() => audio(Buffer.from('ID3\u0004 frames', 'latin1'), 'application/octet-stream'));
		const { output } = await runNode(withOptions(link(allowed)));
		expect(bytesOf(output[0]).toString('latin1')).toBe('ID3\u0004 frames');
	});

	describe('over the size limit', () => {
		const BODY_BYTES = 256 * MB;
		/** RSS, sampled as the server hands over each chunk: the most the download held while it ran. */
		let peakRss = 0;
		const sample = () => {
			peakRss = Math.max(peakRss, process.memoryUsage.rss());
		};
		beforeEach(() => {
			peakRss = process.memoryUsage.rss();
		});

		it.each([
			['streamed without a length, stops reading once past the limit', {}],
			['with a Content-Length over the limit, refused before its body is read', { 'content-length': String(BODY_BYTES) }],
		])('a 256 MB body against a 1 MB limit, %s', async (_case, headers) => {
			const before = allowed.streamedBytes();
			const rssBefore = process.memoryUsage.rss();
			allowed.reply(() => ({
				status: 200,
				headers: { 'content-type': 'audio/mpeg', ...headers },
				stream: { bytes: BODY_BYTES, onChunk: sample },
			}));
			const options = withOptions(link(allowed), { maxFileSizeMb: 1 });
			const error = await runNodeError(options);
			expect(error.message).toMatch(/^The recording is larger( \(256 MB\))? than the limit of 1 MB$/);
			expect(error.description).toMatch(/Max File Size \(MB\)/);
			const received = allowed.streamedBytes() - before;
			// The limit, plus what the socket buffers held when the download stopped reading.
			expect(received).toBeLessThan(1 * MB + 16 * MB);
			expect(peakRss - rssBefore).toBeLessThan(BODY_BYTES / 4);
		});

		it('a body of exactly the limit is downloaded', async () => {
			allowed.reply(() => ({ status: 200, headers: { 'content-type': 'audio/mpeg' }, stream: { bytes: 1 * MB } }));
			const { output } = await runNode(withOptions(link(allowed), { maxFileSizeMb: 1 }));
			expect(bytesOf(output[0])).toHaveLength(1 * MB);
		});
	});

	it.each([
		['that never answers', (): FakeReply => ({ hang: true })],
		[
			'whose body stops coming',
			(): FakeReply => ({ status: 200, headers: { 'content-type': 'audio/mpeg' }, stream: { bytes: 4096, stall: true } }),
		],
	])('gives up on a server %s once Options → Timeout (Seconds) has passed', async (_case, reply) => {
		allowed.reply(reply);
		const options = withOptions(link(allowed), { timeoutSeconds: 1 });
		const error = await runNodeError(options);
		expect(error.message).toBe('Could not download the recording: no answer in time');
		expect(error.description).toMatch(/^The download did not finish within 1 seconds\. /);
		for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
	});

	describe('options', () => {
		it.each([
			[
				'a link pasted as a host',
				`https://files.example.com/file/recording?token=${TOKEN}`,
				'The allowed host "https://files.example.com/…" is a link',
			],
			['a host with a space', 'files example.com', 'The allowed host "files example.com" is not a host name'],
			['a wildcard over a top-level domain', '*.com', 'The allowed host "*.com" is too broad'],
			['an ftp origin', 'ftp://files.example.com', 'The allowed host "ftp://files.example.com" is not an http or https origin'],
		])('refuses %s under Allowed Hosts, naming the option, before any download', async (_case, allowedHosts, message) => {
			allowed.reply(() => audio(Buffer.from('ID3')));
			const options = withOptions(link(allowed), { allowedHosts: `${allowed.url}, ${allowedHosts}` });
			const error = await runNodeError(options);
			expect(error.message.startsWith(message)).toBe(true);
			expect(error.description).toBe('Fix Options → Allowed Hosts.');
			// The node's own parameters (which n8n shows with the error) hold what was pasted; the message does not repeat it.
			expect(`${error.message} ${error.description}`).not.toContain(TOKEN);
			expect(allowed.requests).toHaveLength(0);
		});

		it('refuses a Timeout of 0 seconds', async () => {
			const error = await runNodeError(withOptions(link(allowed), { timeoutSeconds: 0 }));
			expect(error.message).toBe('The timeout must be more than 0 and at most 3600 seconds');
			expect(error.description).toBe('Fix Options → Timeout (Seconds).');
		});

		it.each([[0], [-5], [2048], ['many']])('refuses a Max File Size of %p', async (maxFileSizeMb) => {
			const error = await runNodeError(withOptions(link(allowed), { maxFileSizeMb }));
			expect(error.message).toBe('The size limit must be more than 0 and at most 1024 MB');
			expect(error.description).toBe('Fix Options → Max File Size (MB).');
			expect(allowed.requests).toHaveLength(0);
		});
	});
});
