/**
 * What a call-recording download may fetch and accept. A recording link comes from a call record or
 * a webhook payload, so whoever can shape that data chooses the URL: only Smartflo's recording host
 * and the Smartflo API's own host are fetched unless more are allowed, redirects are followed one hop
 * at a time and only among those hosts, only audio or binary content is accepted, and the body is
 * read up to a size cap. No function here puts a link's path or query (its signed `token`) in a
 * message: only host names appear.
 */

/**
 * Where Smartflo serves recordings from: the host of the `recording_url` of its call records and
 * webhooks (`https://cloudphone.tatateleservices.com/file/recording?callId=…&type=rec&token=…`).
 */
export const SMARTFLO_RECORDING_HOSTS: readonly string[] = ['cloudphone.tatateleservices.com'];

const BYTES_PER_MB = 1024 * 1024;
/** A 1-hour call is about 15 MB as 32 kbit/s MP3 and 58 MB as 8 kHz 16-bit WAV. */
export const DEFAULT_RECORDING_MAX_MB = 100;
export const RECORDING_MAX_MB_LIMIT = 1024;
export const DEFAULT_RECORDING_MAX_REDIRECTS = 5;
const MAX_REDIRECTS_LIMIT = 20;
/** The whole download, every redirect and the body included. */
export const DEFAULT_RECORDING_TIMEOUT_MS = 120_000;
export const RECORDING_TIMEOUT_MS_LIMIT = 3_600_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Types a recording (or a store that does not know the type) is served as: audio/*, or a binary type. */
const BINARY_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/ogg', 'application/x-download']);
const MEDIA_TYPE = /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,64}$/;

export type RecordingRefusalReason =
	/** Not an http(s) URL. */
	| 'NOT_A_LINK'
	| 'HOST_NOT_ALLOWED'
	| 'REDIRECT_NOT_ALLOWED'
	| 'TOO_MANY_REDIRECTS'
	/** A content type that is not audio or binary (an HTML page, text, JSON). */
	| 'NOT_A_RECORDING'
	| 'TOO_LARGE';

/** A link, a redirect or an answer the download does not take. Its message names hosts at most, never a path or query. */
export class RecordingRefusedError extends Error {
	override readonly name = 'RecordingRefusedError';

	constructor(
		readonly reason: RecordingRefusalReason,
		message: string,
		/** The host refused, for HOST_NOT_ALLOWED and REDIRECT_NOT_ALLOWED. */
		readonly host?: string,
	) {
		super(message);
	}
}

/** A setting of the download that cannot be used; `setting` is its name in {@link RecordingDownloadOptions}. */
export class RecordingSettingError extends Error {
	override readonly name = 'RecordingSettingError';

	constructor(
		readonly setting: 'baseUrl' | 'allowedHosts' | 'maxBytes' | 'maxRedirects' | 'timeoutMs',
		message: string,
	) {
		super(message);
	}
}

interface HostRule {
	protocol: 'https:' | 'http:';
	/** Lower case, punycode, without a trailing dot. */
	hostname: string;
	/** '' for the protocol's default port, as URL gives it. */
	port: string;
	/** `*.example.com`: any subdomain of the host, not the host itself. */
	subdomains: boolean;
}

export interface RecordingDownloadOptions {
	/** The Smartflo API's base URL: its host (with its protocol and port) may serve recordings too, e.g. a sandbox or a proxy. */
	baseUrl: string;
	/**
	 * More hosts, a list or comma-separated text: `files.example.com` (https on its default port),
	 * `files.example.com:8443`, `*.example.com` (its subdomains), or an origin such as `http://10.0.0.5:8080`.
	 */
	allowedHosts?: string | readonly string[];
	/** Default {@link DEFAULT_RECORDING_MAX_MB} MB; at most {@link RECORDING_MAX_MB_LIMIT} MB. */
	maxBytes?: number;
	/** Redirects followed before giving up; default {@link DEFAULT_RECORDING_MAX_REDIRECTS}. */
	maxRedirects?: number;
	/** For the whole download; default {@link DEFAULT_RECORDING_TIMEOUT_MS}, at most {@link RECORDING_TIMEOUT_MS_LIMIT}. */
	timeoutMs?: number;
}

export interface RecordingDownloadPolicy {
	readonly hosts: readonly HostRule[];
	readonly maxBytes: number;
	readonly maxRedirects: number;
	readonly timeoutMs: number;
}

/** Megabytes (of 1,048,576 bytes) as bytes. */
export function megabytes(count: number): number {
	return Math.round(count * BYTES_PER_MB);
}

/** The policy for these settings; a setting that cannot be used is a {@link RecordingSettingError} naming it. */
export function recordingDownloadPolicy(options: RecordingDownloadOptions): RecordingDownloadPolicy {
	const maxBytes = options.maxBytes ?? megabytes(DEFAULT_RECORDING_MAX_MB);
	if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > megabytes(RECORDING_MAX_MB_LIMIT)) {
		throw new RecordingSettingError('maxBytes', `The size limit must be more than 0 and at most ${RECORDING_MAX_MB_LIMIT} MB`);
	}
	const maxRedirects = options.maxRedirects ?? DEFAULT_RECORDING_MAX_REDIRECTS;
	if (!Number.isInteger(maxRedirects) || maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
		throw new RecordingSettingError('maxRedirects', `The number of redirects to follow must be between 0 and ${MAX_REDIRECTS_LIMIT}`);
	}
	const timeoutMs = options.timeoutMs ?? DEFAULT_RECORDING_TIMEOUT_MS;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > RECORDING_TIMEOUT_MS_LIMIT) {
		throw new RecordingSettingError(
			'timeoutMs',
			`The timeout must be more than 0 and at most ${RECORDING_TIMEOUT_MS_LIMIT / 1000} seconds`,
		);
	}
	const extra = typeof options.allowedHosts === 'string' ? options.allowedHosts.split(',') : (options.allowedHosts ?? []);
	const hosts = [
		...SMARTFLO_RECORDING_HOSTS.map((host) => hostRule(host)),
		baseUrlRule(options.baseUrl),
		...extra
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '')
			.map((entry) => hostRule(entry)),
	];
	return { hosts, maxBytes, maxRedirects, timeoutMs };
}

function baseUrlRule(baseUrl: string): HostRule {
	const url = parsedUrl(baseUrl);
	if (!url || !isHttp(url.protocol)) throw new RecordingSettingError('baseUrl', 'The Smartflo Base URL is not an http(s) URL');
	return { protocol: url.protocol, hostname: bareHostname(url.hostname), port: url.port, subdomains: false };
}

/** An allowed-host entry: `host`, `host:port`, `*.domain` or an origin `scheme://host[:port]`. */
function hostRule(entry: string): HostRule {
	const refuse = (why: string): never => {
		throw new RecordingSettingError('allowedHosts', `The allowed host "${originPart(entry)}" ${why}`);
	};
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(entry);
	const protocol = scheme ? `${scheme[1].toLowerCase()}:` : 'https:';
	if (!isHttp(protocol)) refuse('is not an http or https origin');
	const rest = (scheme ? entry.slice(scheme[0].length) : entry).replace(/\/$/, '');
	const subdomains = rest.startsWith('*.');
	const url = parsedUrl(`${protocol}//${subdomains ? rest.slice(2) : rest}`);
	if (/[/?#]/.test(rest)) refuse('is a link: give its host, or its origin such as https://files.example.com');
	if (!url || url.username !== '' || url.password !== '' || url.hostname === '' || /[@\s*]/.test(rest.slice(subdomains ? 2 : 0))) {
		return refuse('is not a host name, host:port, *.domain or an origin such as https://files.example.com');
	}
	const hostname = bareHostname(url.hostname);
	if (subdomains && (!hostname.includes('.') || /^\d+(\.\d+)*$/.test(hostname) || hostname.startsWith('['))) {
		refuse('is too broad: *. needs a domain such as *.example.com');
	}
	return { protocol: url.protocol as HostRule['protocol'], hostname, port: url.port, subdomains };
}

/** An entry as far as its host: a pasted link's path and query (a signed token) are not repeated in messages. */
function originPart(entry: string): string {
	const cut = entry.search(/[?#]|(?<!\/)\/(?!\/)/);
	const origin = cut === -1 ? entry : `${entry.slice(0, cut)}/…`;
	return origin.length > 80 ? `${origin.slice(0, 80)}…` : origin;
}

/**
 * The URL of a recording link, when the policy allows fetching it; else a {@link RecordingRefusedError}
 * (NOT_A_LINK or HOST_NOT_ALLOWED).
 */
export function allowedRecordingUrl(policy: RecordingDownloadPolicy, link: string): URL {
	const url = parsedUrl(link.trim());
	if (!url || !isHttp(url.protocol)) throw new RecordingRefusedError('NOT_A_LINK', 'The link to the recording is not an http(s) URL');
	const problem = hostProblem(policy, url);
	if (problem) throw new RecordingRefusedError('HOST_NOT_ALLOWED', `The link to the recording ${problem}`, hostOf(url));
	return url;
}

/** Whether the status is a redirect the download follows (when its Location is allowed). */
export function isRedirect(status: number): boolean {
	return REDIRECT_STATUSES.has(status);
}

/**
 * Where a redirect answer leads, when the policy lets the download follow it: the Location read against
 * the URL that answered, to an allowed host and protocol, within the redirect budget (`redirectsSoFar`
 * followed already). Else a {@link RecordingRefusedError}.
 */
export function redirectTarget(policy: RecordingDownloadPolicy, from: URL, location: string | undefined, redirectsSoFar: number): URL {
	if (redirectsSoFar >= policy.maxRedirects) {
		throw new RecordingRefusedError('TOO_MANY_REDIRECTS', `The recording’s server redirected more than ${policy.maxRedirects} times`);
	}
	const target = location === undefined || location.trim() === '' ? undefined : parsedUrl(location.trim(), from);
	if (!target || !isHttp(target.protocol)) {
		throw new RecordingRefusedError('REDIRECT_NOT_ALLOWED', 'The recording’s server redirected to something that is not an http(s) URL');
	}
	const problem = hostProblem(policy, target);
	if (problem)
		throw new RecordingRefusedError('REDIRECT_NOT_ALLOWED', `The recording’s server redirected: the new link ${problem}`, hostOf(target));
	return target;
}

/**
 * The media type of an answer the download accepts (audio/*, or a binary type), lower case without its
 * parameters; undefined when the answer has no Content-Type. Else a NOT_A_RECORDING refusal.
 */
export function acceptedMediaType(contentType: string | undefined): string | undefined {
	if (contentType === undefined || contentType.trim() === '') return undefined;
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (MEDIA_TYPE.test(type) && (type.startsWith('audio/') || BINARY_TYPES.has(type))) return type;
	const shown = MEDIA_TYPE.test(type) ? type : 'an unreadable type';
	throw new RecordingRefusedError('NOT_A_RECORDING', `The link to the recording answered with ${shown} instead of an audio file`);
}

/** Refuses an answer whose Content-Length already says it is over the size limit, before its body is read. */
export function checkDeclaredSize(policy: RecordingDownloadPolicy, contentLength: string | undefined): void {
	const declared = contentLength !== undefined && /^\d{1,16}$/.test(contentLength.trim()) ? Number(contentLength.trim()) : undefined;
	if (declared !== undefined && declared > policy.maxBytes) throw tooLarge(policy, declared);
}

/**
 * The body, read chunk by chunk until it ends or passes the size limit; then reading stops (which
 * destroys a Node stream) and the result is a TOO_LARGE refusal. At most one chunk beyond the limit is
 * held.
 */
export async function readWithinLimit(policy: RecordingDownloadPolicy, body: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of body) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'binary') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		total += bytes.length;
		if (total > policy.maxBytes) throw tooLarge(policy);
		chunks.push(bytes);
	}
	return Buffer.concat(chunks, total);
}

function tooLarge(policy: RecordingDownloadPolicy, declared?: number): RecordingRefusedError {
	const size = declared === undefined ? '' : ` (${formatMegabytes(declared)} MB)`;
	return new RecordingRefusedError('TOO_LARGE', `The recording is larger${size} than the limit of ${formatMegabytes(policy.maxBytes)} MB`);
}

function formatMegabytes(bytes: number): string {
	return String(Number((bytes / BYTES_PER_MB).toFixed(bytes < BYTES_PER_MB ? 3 : 1)));
}

/** Why the URL's origin is not allowed (the end of a sentence about the link), or undefined when it is. */
function hostProblem(policy: RecordingDownloadPolicy, url: URL): string | undefined {
	const hostname = bareHostname(url.hostname);
	const sameHost = policy.hosts.filter(
		(rule) => rule.port === url.port && (rule.subdomains ? hostname.endsWith(`.${rule.hostname}`) : hostname === rule.hostname),
	);
	if (sameHost.some((rule) => rule.protocol === url.protocol)) return undefined;
	if (sameHost.length > 0)
		return `uses ${url.protocol.slice(0, -1)} for ${hostOf(url)}, which is allowed over ${sameHost[0].protocol.slice(0, -1)} only`;
	return `points to ${hostOf(url)}, which is not an allowed host`;
}

function isHttp(protocol: string): protocol is 'https:' | 'http:' {
	return protocol === 'https:' || protocol === 'http:';
}

function parsedUrl(text: string, base?: URL): URL | undefined {
	try {
		return new URL(text, base);
	} catch {
		return undefined;
	}
}

/** `example.com.` and `example.com` are one host to DNS. */
function bareHostname(hostname: string): string {
	return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

/** The host (and port) of a URL as messages show it: never its path or query. */
function hostOf(url: URL): string {
	return url.host.slice(0, 120);
}
