import { Agent, request } from 'undici';

import { DEMO_ACCOUNT, type SandboxFault, type SandboxHandle } from '../../sandbox/index';
import { LOGIN_MUTATION, REFRESH_MUTATION, TOKEN_INFO_QUERY } from '../helpers/graphql';
import { JSON_HEADERS, jsonBody } from '../helpers/raw-http';
import { UPSTREAM_BODY_MARKS } from '../helpers/reply-audit';

/** Wrong passwords all carry this, so a response that repeats one is easy to spot. */
export const WRONG_PASSWORD_MARK = 'Wr0ng-canary-';

export interface WorkloadReply {
	kind: string;
	status: number;
	text: string;
	retryAfter: string | null;
	/** What this reply must not contain: what the request sent that is secret, and upstream bodies. */
	secrets: string[];
}

export interface WorkloadResult {
	replies: WorkloadReply[];
	/** Requests that got no HTTP answer at all (connection refused or reset by the GraphQL server). */
	unanswered: string[];
}

export interface WorkloadOptions {
	url: string;
	sandbox: SandboxHandle;
	clients: number;
	requestsPerClient: number;
	seed: number;
	/** Each client sends its own X-Forwarded-For (as the proxy in front of the server would). */
	forwardedFor?: (client: number) => string;
}

interface PlannedRequest {
	kind: string;
	method: 'GET' | 'POST';
	path?: string;
	headers: Record<string, string>;
	body?: string | Buffer;
	secrets: string[];
}

/** A small, seeded PRNG (mulberry32): the same seed plans the same requests. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const GARBAGE: Array<(random: () => number) => PlannedRequest> = [
	() => post('malformed JSON', '{"query": "{ __typename }"', JSON_HEADERS),
	() => post('text/plain', jsonBody('{ __typename }'), { 'content-type': 'text/plain' }),
	() => post('form-encoded', `query=${encodeURIComponent('{ __typename }')}`, { 'content-type': 'application/x-www-form-urlencoded' }),
	() =>
		post('multipart', '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--b--\r\n', {
			'content-type': 'multipart/form-data; boundary=b',
		}),
	() => post('no content type', jsonBody('{ __typename }'), {}),
	() => post('octet-stream', jsonBody('{ __typename }'), { 'content-type': 'application/octet-stream' }),
	() => post('empty body', '', JSON_HEADERS),
	() => post('unknown field', jsonBody('{ secretField }'), JSON_HEADERS),
	() => post('too many aliases', jsonBody(`{ ${Array.from({ length: 12 }, (_, i) => `a${i}: __typename`).join(' ')} }`), JSON_HEADERS),
	() => post('deeply nested literal', jsonBody(`{ tokenInfo(token: ${'['.repeat(3000)}${']'.repeat(3000)}) { valid } }`), JSON_HEADERS),
	() => post('batched', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), JSON_HEADERS),
	() => post('oversized', jsonBody(LOGIN_MUTATION, { email: 'big@example.in', password: 'x'.repeat(70 * 1024) }), JSON_HEADERS),
	(random) => {
		const password = `${WRONG_PASSWORD_MARK}${Math.floor(random() * 1e9)}`;
		const body = Buffer.concat([
			Buffer.from(jsonBody(LOGIN_MUTATION, { email: 'utf8@example.in', password }).slice(0, -3)),
			Buffer.from([0xff, 0xfe, 0xc3]),
			Buffer.from('"}}'),
		]);
		return { ...post('invalid UTF-8 variables', body, JSON_HEADERS), secrets: [password] };
	},
	() => ({
		kind: 'GET without CSRF header',
		method: 'GET',
		path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
		headers: { accept: 'application/json' },
		secrets: [],
	}),
	() => ({
		kind: 'mutation over GET',
		method: 'GET',
		path: `/graphql?query=${encodeURIComponent('mutation { login(email: "a@b.in", password: "x") { ok } }')}`,
		headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
		secrets: [],
	}),
];

function post(kind: string, body: string | Buffer, headers: Record<string, string>): PlannedRequest {
	return { kind, method: 'POST', headers, body, secrets: [] };
}

function planRequest(random: () => number, sandbox: SandboxHandle): PlannedRequest {
	const pick = random();
	if (pick < 0.22) {
		return { ...post('login (right password)', jsonBody(LOGIN_MUTATION, DEMO_ACCOUNT), JSON_HEADERS), secrets: [DEMO_ACCOUNT.password] };
	}
	if (pick < 0.42) {
		const password = `${WRONG_PASSWORD_MARK}${Math.floor(random() * 1e9)}`;
		const email = `user${Math.floor(random() * 40)}@example.in`;
		return { ...post('login (wrong password)', jsonBody(LOGIN_MUTATION, { email, password }), JSON_HEADERS), secrets: [password] };
	}
	if (pick < 0.58) {
		const token = sandbox.issueToken({ ttlSeconds: 600 });
		return { ...post('refresh (issued token)', jsonBody(REFRESH_MUTATION, { token: `Bearer ${token}` }), JSON_HEADERS), secrets: [token] };
	}
	if (pick < 0.64) {
		const token = `garbage.${Math.floor(random() * 1e9).toString(36)}.x`;
		return { ...post('refresh (garbage)', jsonBody(REFRESH_MUTATION, { token }), JSON_HEADERS), secrets: [] };
	}
	if (pick < 0.78) {
		const token = random() < 0.5 ? sandbox.issueToken({ ttlSeconds: 600 }) : 'not-a-jwt';
		return { ...post('tokenInfo', jsonBody(TOKEN_INFO_QUERY, { token }), JSON_HEADERS), secrets: [token === 'not-a-jwt' ? '' : token] };
	}
	return GARBAGE[Math.floor(random() * GARBAGE.length)](random);
}

/**
 * `clients` concurrent clients, each sending `requestsPerClient` requests one after another, drawn
 * from a weighted mix: logins with the right and with wrong passwords, refreshes of live and of
 * garbage tokens, tokenInfo, and malformed or hostile requests. Every answer is kept for auditing.
 */
export async function runMixedWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
	const agent = new Agent({ connections: options.clients, keepAliveTimeout: 1000 });
	const replies: WorkloadReply[] = [];
	const unanswered: string[] = [];
	try {
		await Promise.all(
			Array.from({ length: options.clients }, async (_, client) => {
				const random = seededRandom(options.seed * 7919 + client);
				const forwarded = options.forwardedFor?.(client);
				for (let index = 0; index < options.requestsPerClient; index++) {
					const planned = planRequest(random, options.sandbox);
					const headers = forwarded ? { ...planned.headers, 'x-forwarded-for': forwarded } : planned.headers;
					try {
						const response = await request(`${options.url}${planned.path ?? '/graphql'}`, {
							dispatcher: agent,
							method: planned.method,
							headers,
							body: planned.body,
						});
						const text = await response.body.text();
						const retryAfter = response.headers['retry-after'];
						replies.push({
							kind: planned.kind,
							status: response.statusCode,
							text,
							retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
							secrets: [...planned.secrets, ...UPSTREAM_BODY_MARKS],
						});
					} catch (error) {
						unanswered.push(`${planned.kind}: ${String(error)}`);
					}
				}
			}),
		);
	} finally {
		await agent.close();
	}
	return { replies, unanswered };
}

/** Bursts of every fault the sandbox can inject, with quiet gaps between them. */
export const FAULT_BURSTS: SandboxFault[] = [
	{ type: 'serverError', status: 503, times: 12, match: 'auth' },
	{ type: 'drop', times: 8, match: 'auth' },
	{ type: 'latency', ms: 80, times: 12, match: 'auth' },
	{ type: 'hang', times: 4, match: 'auth' },
	{ type: 'html', times: 8, match: 'auth' },
	{ type: 'truncatedJson', times: 8, match: 'auth' },
	{ type: 'rateLimit', times: 6, match: 'auth' },
	{ type: 'serverError', status: 500, times: 12, match: 'auth' },
	{ type: 'unauthorized', times: 4, match: '/v1/auth/refresh' },
	// Longer than the core waits for: passed on to the caller at once, as HTTP 429 and retryAfterSeconds.
	{ type: 'rateLimit', retryAfter: '120', times: 2, match: 'auth' },
];

/**
 * Keeps the sandbox faulty while `work` runs: whenever the queue is empty, waits a quiet gap, then
 * queues the next burst. Returns what `work` returned; faults are cleared afterwards.
 */
export async function withFaultBursts<T>(sandbox: SandboxHandle, work: Promise<T>, quietGapMs = 25): Promise<T> {
	let running = true;
	const driver = (async () => {
		for (let burst = 0; running;) {
			if (sandbox.listFaults().length === 0) {
				await new Promise((resolve) => setTimeout(resolve, quietGapMs));
				sandbox.injectFault(FAULT_BURSTS[burst++ % FAULT_BURSTS.length]);
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	})();
	try {
		return await work;
	} finally {
		running = false;
		await driver;
		sandbox.clearFaults();
	}
}
