import { Readable } from 'node:stream';

import fc from 'fast-check';

import {
	acceptedMediaType,
	allowedRecordingUrl,
	checkDeclaredSize,
	DEFAULT_RECORDING_MAX_MB,
	isRedirect,
	megabytes,
	readWithinLimit,
	recordingDownloadPolicy,
	RecordingRefusedError,
	RecordingSettingError,
	redirectTarget,
	SMARTFLO_RECORDING_HOSTS,
	type RecordingDownloadPolicy,
} from '../../src/api/recording-download';

const BASE_URL = 'https://api-smartflo.tatateleservices.com';
const TOKEN = 'Sup3rSecretSignedToken0123456789abcdefgh';
const defaults = recordingDownloadPolicy({ baseUrl: BASE_URL });

function refusal(attempt: () => unknown): RecordingRefusedError {
	try {
		attempt();
	} catch (error) {
		if (error instanceof RecordingRefusedError) return error;
		throw error;
	}
	throw new Error('not refused');
}

function settingError(attempt: () => unknown): RecordingSettingError {
	try {
		attempt();
	} catch (error) {
		if (error instanceof RecordingSettingError) return error;
		throw error;
	}
	throw new Error('not refused');
}

const allows = (policy: RecordingDownloadPolicy, link: string) => {
	try {
		allowedRecordingUrl(policy, link);
		return true;
	} catch (error) {
		if (error instanceof RecordingRefusedError) return false;
		throw error;
	}
};

describe('recording hosts', () => {
	it('by default: Smartflo’s recording host over https, and the Base URL’s origin', () => {
		expect(SMARTFLO_RECORDING_HOSTS).toEqual(['cloudphone.tatateleservices.com']);
		for (const link of [
			`https://cloudphone.tatateleservices.com/file/recording?callId=1&type=rec&token=${TOKEN}`,
			'https://CloudPhone.TataTeleServices.com./file/recording',
			'https://cloudphone.tatateleservices.com:443/file/recording',
			'https://api-smartflo.tatateleservices.com/file/recording',
		]) {
			expect(allows(defaults, link)).toBe(true);
		}
		const sandbox = recordingDownloadPolicy({ baseUrl: 'http://127.0.0.1:4010' });
		expect(allows(sandbox, 'http://127.0.0.1:4010/file/recording')).toBe(true);
		expect(allows(sandbox, 'http://127.0.0.1:4011/file/recording')).toBe(false);
		expect(allows(sandbox, 'https://127.0.0.1:4010/file/recording')).toBe(false);
	});

	it.each([
		['another host', 'https://evil.example/file/recording', 'points to evil.example, which is not an allowed host'],
		[
			'a user-info trick',
			`https://cloudphone.tatateleservices.com@evil.example/x?token=${TOKEN}`,
			'points to evil.example, which is not an allowed host',
		],
		[
			'a look-alike subdomain',
			'https://cloudphone.tatateleservices.com.evil.example/x',
			'points to cloudphone.tatateleservices.com.evil.example, which is not an allowed host',
		],
		[
			'a subdomain of the recording host',
			'https://x.cloudphone.tatateleservices.com/x',
			'points to x.cloudphone.tatateleservices.com, which is not an allowed host',
		],
		[
			'another port',
			'https://cloudphone.tatateleservices.com:8443/x',
			'points to cloudphone.tatateleservices.com:8443, which is not an allowed host',
		],
		[
			'plain http',
			`http://cloudphone.tatateleservices.com/x?token=${TOKEN}`,
			'uses http for cloudphone.tatateleservices.com, which is allowed over https only',
		],
		['a loopback address', 'http://127.0.0.1/x', 'points to 127.0.0.1, which is not an allowed host'],
		['loopback as a number', 'http://2130706433/x', 'points to 127.0.0.1, which is not an allowed host'],
		['the metadata service', 'http://169.254.169.254/latest/meta-data/', 'points to 169.254.169.254, which is not an allowed host'],
		['IPv6 loopback', 'http://[::1]:8080/x', 'points to [::1]:8080, which is not an allowed host'],
	])('refuses %s, naming only the host', (_case, link, problem) => {
		const error = refusal(() => allowedRecordingUrl(defaults, link));
		expect(error.reason).toBe('HOST_NOT_ALLOWED');
		expect(error.message).toBe(`The link to the recording ${problem}`);
		expect(error.message).not.toContain(TOKEN);
		expect(error.message).not.toContain('/x');
	});

	it.each([['ftp://cloudphone.tatateleservices.com/x'], ['file:///etc/passwd'], ['javascript:alert(1)'], ['not a link'], ['']])(
		'refuses %p as not a link',
		(link) => {
			expect(refusal(() => allowedRecordingUrl(defaults, link)).reason).toBe('NOT_A_LINK');
		},
	);

	it('more hosts: a host (https, default port), host:port, an origin, *.domain for its subdomains', () => {
		const policy = recordingDownloadPolicy({
			baseUrl: BASE_URL,
			allowedHosts: ' files.example.com , media.example.net:8443,http://10.0.0.5:8080/, *.s3.ap-south-1.amazonaws.com,, ',
		});
		expect(allows(policy, 'https://files.example.com/a')).toBe(true);
		expect(allows(policy, 'http://files.example.com/a')).toBe(false);
		expect(allows(policy, 'https://files.example.com:444/a')).toBe(false);
		expect(allows(policy, 'https://media.example.net:8443/a')).toBe(true);
		expect(allows(policy, 'https://media.example.net/a')).toBe(false);
		expect(allows(policy, 'http://10.0.0.5:8080/a')).toBe(true);
		expect(allows(policy, 'http://10.0.0.5/a')).toBe(false);
		expect(allows(policy, 'https://bucket.s3.ap-south-1.amazonaws.com/a')).toBe(true);
		expect(allows(policy, 'https://s3.ap-south-1.amazonaws.com/a')).toBe(false);
		expect(allows(policy, 'https://evils3.ap-south-1.amazonaws.com/a')).toBe(false);
		expect(recordingDownloadPolicy({ baseUrl: BASE_URL, allowedHosts: ['files.example.com'] }).hosts).toHaveLength(3);
	});

	it.each([
		[`https://files.example.com/file/recording?callId=1&token=${TOKEN}`, 'The allowed host "https://files.example.com/…" is a link'],
		[`files.example.com?token=${TOKEN}`, 'The allowed host "files.example.com/…" is a link'],
		['user:pass@files.example.com', 'The allowed host "user:pass@files.example.com" is not a host name'],
		['*', 'The allowed host "*" is not a host name'],
		['*.com', 'The allowed host "*.com" is too broad'],
		['*.10.0.0.1', 'The allowed host "*.10.0.0.1" is too broad'],
		['files*.example.com', 'The allowed host "files*.example.com" is not a host name'],
		['files.example.com:99999', 'The allowed host "files.example.com:99999" is not a host name'],
		['ftp://files.example.com', 'The allowed host "ftp://files.example.com" is not an http or https origin'],
	])('refuses the allowed host %p, without repeating a link’s path or query', (entry, message) => {
		const error = settingError(() => recordingDownloadPolicy({ baseUrl: BASE_URL, allowedHosts: entry }));
		expect(error.setting).toBe('allowedHosts');
		expect(error.message.startsWith(message)).toBe(true);
		expect(error.message).not.toContain(TOKEN);
	});

	it('a link is allowed exactly when its origin is an allowed one, and a refusal never carries its path or query', () => {
		const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
		const host = fc.oneof(
			fc.constantFrom('cloudphone.tatateleservices.com', 'api-smartflo.tatateleservices.com', 'files.example.com', 'evil.example'),
			fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => `${labels.join('.')}.example`),
		);
		const link = fc.record({
			protocol: fc.constantFrom('https', 'http'),
			host,
			port: fc.constantFrom('', ':443', ':80', ':8443'),
			path: fc.webPath(),
			token: fc.stringMatching(/^[A-Za-z0-9]{20,40}$/),
		});
		const policy = recordingDownloadPolicy({ baseUrl: BASE_URL, allowedHosts: 'files.example.com' });
		const allowedHosts = ['cloudphone.tatateleservices.com', 'api-smartflo.tatateleservices.com', 'files.example.com'];
		fc.assert(
			fc.property(link, ({ protocol, host: hostname, port, path, token }) => {
				const text = `${protocol}://${hostname}${port}${path}?callId=1&token=${token}`;
				const defaultPort = port === '' || (protocol === 'https' && port === ':443') || (protocol === 'http' && port === ':80');
				const expected = protocol === 'https' && defaultPort && allowedHosts.includes(hostname);
				try {
					allowedRecordingUrl(policy, text);
					expect(expected).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(RecordingRefusedError);
					expect(expected).toBe(false);
					expect((error as Error).message).not.toContain(token);
					if (path.length > 1) expect((error as Error).message).not.toContain(new URL(text).pathname);
				}
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('redirects', () => {
	const policy = recordingDownloadPolicy({ baseUrl: BASE_URL, allowedHosts: 'files.example.com' });
	const from = new URL(`https://cloudphone.tatateleservices.com/file/recording?token=${TOKEN}`);

	it('301, 302, 303, 307 and 308 are followed; other statuses are not redirects', () => {
		expect([301, 302, 303, 307, 308].every(isRedirect)).toBe(true);
		expect([200, 300, 304, 305, 306, 400].some(isRedirect)).toBe(false);
	});

	it('follows a Location to an allowed host, read against the URL that answered', () => {
		expect(redirectTarget(policy, from, `https://files.example.com/r?token=${TOKEN}`, 0).href).toBe(
			`https://files.example.com/r?token=${TOKEN}`,
		);
		expect(redirectTarget(policy, from, '/other?x=1', 0).href).toBe('https://cloudphone.tatateleservices.com/other?x=1');
		expect(redirectTarget(policy, from, '//files.example.com/r', 4).host).toBe('files.example.com');
	});

	it.each([
		[
			'a host not allowed',
			`https://evil.example/steal?token=${TOKEN}`,
			'The recording’s server redirected: the new link points to evil.example, which is not an allowed host',
		],
		[
			'a protocol-relative foreign host',
			'//evil.example/x',
			'The recording’s server redirected: the new link points to evil.example, which is not an allowed host',
		],
		[
			'a downgrade to http',
			'http://cloudphone.tatateleservices.com/x',
			'The recording’s server redirected: the new link uses http for cloudphone.tatateleservices.com, which is allowed over https only',
		],
		['no Location', undefined, 'The recording’s server redirected to something that is not an http(s) URL'],
		['a file: URL', 'file:///etc/passwd', 'The recording’s server redirected to something that is not an http(s) URL'],
	])('refuses a redirect to %s', (_case, location, message) => {
		const error = refusal(() => redirectTarget(policy, from, location, 0));
		expect(error.reason).toBe('REDIRECT_NOT_ALLOWED');
		expect(error.message).toBe(message);
		expect(error.message).not.toContain(TOKEN);
	});

	it('follows at most maxRedirects (default 5), then refuses', () => {
		expect(redirectTarget(defaults, from, '/next', 4).pathname).toBe('/next');
		const error = refusal(() => redirectTarget(defaults, from, '/next', 5));
		expect(error.reason).toBe('TOO_MANY_REDIRECTS');
		expect(error.message).toBe('The recording’s server redirected more than 5 times');
		expect(refusal(() => redirectTarget(recordingDownloadPolicy({ baseUrl: BASE_URL, maxRedirects: 0 }), from, '/next', 0)).reason).toBe(
			'TOO_MANY_REDIRECTS',
		);
	});
});

describe('the timeout', () => {
	it('is 120 seconds for the whole download by default; a timeout is more than 0 and at most an hour', () => {
		expect(defaults.timeoutMs).toBe(120_000);
		for (const timeoutMs of [0, -1, 1.5, Number.NaN, 3_600_001]) {
			expect(settingError(() => recordingDownloadPolicy({ baseUrl: BASE_URL, timeoutMs })).setting).toBe('timeoutMs');
		}
		expect(recordingDownloadPolicy({ baseUrl: BASE_URL, timeoutMs: 3_600_000 }).timeoutMs).toBe(3_600_000);
	});
});

describe('content types', () => {
	it.each([
		['audio/mpeg', 'audio/mpeg'],
		['Audio/WAV; charset=binary', 'audio/wav'],
		['audio/x-wav', 'audio/x-wav'],
		['application/octet-stream', 'application/octet-stream'],
		['binary/octet-stream', 'binary/octet-stream'],
		['application/ogg', 'application/ogg'],
		[undefined, undefined],
		['', undefined],
	])('accepts %p', (contentType, mediaType) => {
		expect(acceptedMediaType(contentType)).toBe(mediaType);
	});

	it.each([
		['text/plain', 'text/plain'],
		['text/html; charset=utf-8', 'text/html'],
		['application/json', 'application/json'],
		['image/svg+xml', 'image/svg+xml'],
		['audio', 'an unreadable type'],
		['<script>alert(1)</script>/x', 'an unreadable type'],
	])('refuses %p', (contentType, shown) => {
		const error = refusal(() => acceptedMediaType(contentType));
		expect(error.reason).toBe('NOT_A_RECORDING');
		expect(error.message).toBe(`The link to the recording answered with ${shown} instead of an audio file`);
	});
});

describe('size', () => {
	const oneMb = recordingDownloadPolicy({ baseUrl: BASE_URL, maxBytes: megabytes(1) });
	const chunks = (...sizes: number[]) => Readable.from(sizes.map((size) => Buffer.alloc(size, 1)));

	it('the default limit is 100 MB; a limit is more than 0 and at most 1024 MB', () => {
		expect(DEFAULT_RECORDING_MAX_MB).toBe(100);
		expect(defaults.maxBytes).toBe(100 * 1024 * 1024);
		for (const maxBytes of [0, -1, 1.5, Number.NaN, megabytes(1024) + 1]) {
			expect(settingError(() => recordingDownloadPolicy({ baseUrl: BASE_URL, maxBytes })).setting).toBe('maxBytes');
		}
		expect(recordingDownloadPolicy({ baseUrl: BASE_URL, maxBytes: megabytes(1024) }).maxBytes).toBe(1024 * 1024 * 1024);
	});

	it('a Content-Length over the limit is refused before the body is read; one at the limit, a missing or unreadable one, is not', () => {
		expect(refusal(() => checkDeclaredSize(oneMb, String(megabytes(1) + 1))).message).toBe(
			'The recording is larger (1 MB) than the limit of 1 MB',
		);
		expect(refusal(() => checkDeclaredSize(oneMb, String(megabytes(256)))).message).toBe(
			'The recording is larger (256 MB) than the limit of 1 MB',
		);
		for (const declared of [String(megabytes(1)), undefined, '', 'lots', '-5'])
			expect(() => checkDeclaredSize(oneMb, declared)).not.toThrow();
	});

	it('reads a body up to the limit, and stops reading (destroying the stream) once it passes it', async () => {
		expect(await readWithinLimit(oneMb, chunks(megabytes(1) - 10, 10))).toHaveLength(megabytes(1));
		let pulled = 0;
		const endless = new Readable({
			read() {
				pulled += 1;
				this.push(Buffer.alloc(64 * 1024));
			},
		});
		const error = await readWithinLimit(oneMb, endless).then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(RecordingRefusedError);
		expect((error as RecordingRefusedError).message).toBe('The recording is larger than the limit of 1 MB');
		expect(endless.destroyed).toBe(true);
		// 16 chunks of 64 KiB are the limit; the 17th passes it, and a stream reads at most a buffer's worth ahead.
		expect(pulled).toBeLessThan(17 + 4);
	});
});
