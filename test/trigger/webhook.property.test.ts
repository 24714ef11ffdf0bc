import { parse as parseQueryString } from 'node:querystring';

import fc from 'fast-check';

import { deliver, SECRET, type WebhookOutcome, type WebhookRequest } from './harness';
import { outputProblems } from './hostile';

/** Keys Smartflo sends, keys the trigger adds, keys that reach Object.prototype, and keys in every spelling the trigger reads. */
const KEYS = [
	'event',
	'event_name',
	'uuid',
	'call_id',
	'ref_id',
	'start_stamp',
	'end_stamp',
	'start_stamp_utc',
	'date',
	'direction',
	'call_status',
	'duration',
	'billsec',
	'call_connected',
	'answered_agent',
	'missed_agent',
	'call_flow',
	'time',
	'billing_circle',
	'data',
	'payload',
	'raw',
	'received_at',
	'secret',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'customer_no_with_prefix_',
	'customer_no_with_prefix ',
	'$uuid',
	'data[uuid]',
	'data[__proto__][x]',
	' ',
	'',
];

const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const scalar = fc.oneof(
	fc.constantFrom('', ' ', '$uuid', '0', '1', 'true', 'inbound', 'toString', '__proto__', '00:01:05', '9'.repeat(400)),
	fc.constantFrom(
		'2026-09-21 10:15:00',
		'2026-09-21T04:45:00Z',
		'1789965900',
		'1789965900000',
		'0000-01-01 00:00:00',
		'9999-12-31 23:59:59',
	),
	fc.constantFrom(1e17, -1e16, 8.64e15, -8.64e15, 1.7e18, 1e308, -62167219200, 253402300799, 0, -1),
	fc.string({ maxLength: 20 }),
	fc.double(),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
);

/** A JSON value as text, so that `__proto__` keys arrive as own keys, as JSON.parse makes them. */
const { json } = fc.letrec<{ json: string }>((tie) => ({
	json: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		scalar.map((value) => JSON.stringify(value) ?? 'null'),
		fc.array(tie('json'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
		fc
			.array(
				fc.tuple(
					key,
					fc.oneof(
						tie('json'),
						fc.string().map((text) => JSON.stringify(text)),
					),
				),
				{ maxLength: 8 },
			)
			.map((entries) => `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`),
	),
}));

/** A payload of the fields the normaliser reads, each with any value. */
const fieldsJson = fc
	.array(
		fc.tuple(
			fc.constantFrom(...KEYS.slice(0, 20)),
			fc.oneof(
				scalar.map((value) => JSON.stringify(value) ?? 'null'),
				json,
			),
		),
		{
			minLength: 1,
			maxLength: 12,
		},
	)
	.map((entries) => `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`);

/** Objects and arrays nested up to 3,000 levels, with a payload's fields beside them or not. */
const deepJson = fc
	.tuple(fc.integer({ min: 1, max: 3_000 }), fc.constantFrom('{"a":', '[', '{"__proto__":', '{"data":'), fc.boolean())
	.map(([levels, opener, asField]) => {
		const closer = opener === '[' ? ']' : '}';
		const nested = `${opener.repeat(levels)}1${closer.repeat(levels)}`;
		return asField ? `{"event":"call_hangup_missed","uuid":"deep","billing_circle":${nested}}` : nested;
	});

const formBody = fc
	.array(fc.tuple(key, fc.oneof(fc.string({ maxLength: 20 }), json)), { maxLength: 10 })
	.map((entries) => entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&'));

const contentType = fc.constantFrom(
	'application/json',
	'text/plain',
	'application/x-www-form-urlencoded',
	'application/octet-stream',
	'text/html',
	undefined,
);

/** Any request an attacker (or a broken proxy) can send, with or without the secret. */
const request: fc.Arbitrary<WebhookRequest> = fc.oneof(
	fc.tuple(fieldsJson, fc.constantFrom('application/json', 'text/plain')).map(([body, type]) => ({ text: { body, contentType: type } })),
	fc
		.tuple(json, fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'))
		.map(([body, type]) => ({ text: { body, contentType: type } })),
	deepJson.map((body) => ({ text: { body, contentType: 'application/json' } })),
	fc.tuple(formBody, contentType).map(([body, type]) => ({ text: { body, contentType: type } })),
	fc
		.tuple(fc.uint8Array({ maxLength: 64 }), contentType)
		.map(([bytes, type]) => ({ bytes: { body: Buffer.from(bytes), contentType: type } })),
	formBody.map((query) => ({ method: 'GET' as const, query })),
	fc
		.dictionary(key, fc.oneof(fc.string({ maxLength: 10 }), fc.dictionary(key, fc.string({ maxLength: 10 }), { maxKeys: 3 })), {
			maxKeys: 6,
		})
		.map((query) => ({ method: 'GET' as const, query })),
);

/** The request with the secret in the query, replacing any `secret` it already has. */
function authenticated(given: WebhookRequest): WebhookRequest {
	if (typeof given.query === 'object') return { ...given, query: { ...given.query, secret: SECRET } };
	const query = new URLSearchParams(given.query ?? '');
	query.set('secret', SECRET);
	return { ...given, query: query.toString() };
}

/** The request with every secret removed. */
function unauthenticated(given: WebhookRequest): WebhookRequest {
	if (typeof given.query === 'object') {
		const { secret: _secret, ...rest } = given.query;
		return { ...given, query: rest };
	}
	const query = new URLSearchParams(given.query ?? '');
	query.delete('secret');
	return { ...given, query: query.toString() };
}

/** Whether the harness can send it: n8n answers a JSON body that does not parse with 422 before the trigger runs. */
function n8nWouldParse(given: WebhookRequest): boolean {
	const body = given.text ?? given.bytes;
	if (body?.contentType !== 'application/json') return true;
	try {
		JSON.parse(body.body.toString());
		return true;
	} catch {
		return false;
	}
}

/** Whether the trigger takes the request for a verification ping: a GET whose query names nothing but `event`. */
function isPing(given: WebhookRequest): boolean {
	if (given.method !== 'GET') return false;
	const names = typeof given.query === 'object' ? Object.keys(given.query) : Object.keys(parseQueryString(given.query ?? ''));
	return names.every((name) => name === 'event');
}

function hasCallId(item: Record<string, unknown>): boolean {
	return [item.uuid, item.call_id, item.ref_id].some((id) => id !== null && id !== undefined);
}

let nodes = 0;

function expectWellFormed(outcome: WebhookOutcome) {
	expect(outcome.logs).toEqual([]);
	expect(outcome.result.noWebhookResponse).toBe(true);
	expect(outcome.items.flatMap((item) => outputProblems(item))).toEqual([]);
	expect(JSON.stringify(outcome.items)).not.toContain(SECRET);
	expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
}

describe('Smartflo Trigger webhook() on random hostile requests', () => {
	it('with the secret: never throws, answers 200, 400 or 413, and every item is plain, finite JSON', async () => {
		await fc.assert(
			fc.asyncProperty(request.filter(n8nWouldParse), async (given) => {
				const outcome = await deliver(authenticated(given), { mode: 'manual' });
				expect([200, 400, 413]).toContain(outcome.status);
				if (outcome.status !== 200) expect(outcome.items).toEqual([]);
				expectWellFormed(outcome);
			}),
			{ numRuns: 600 },
		);
	});

	it('without the secret: 200 for a ping, else 401, no item, no body read, nothing remembered', async () => {
		await fc.assert(
			fc.asyncProperty(request.filter(n8nWouldParse), async (given) => {
				const request = unauthenticated(given);
				const outcome = await deliver(request);
				expect(outcome.status).toBe(isPing(request) ? 200 : 401);
				expect(outcome).toMatchObject({ items: [], bodyReads: 0, staticData: {} });
				expectWellFormed(outcome);
			}),
			{ numRuns: 300 },
		);
	});

	it('a repeat of any accepted delivery starts nothing, and a refused one leaves nothing to turn its retry away', async () => {
		await fc.assert(
			fc.asyncProperty(request.filter(n8nWouldParse), async (given) => {
				const setup = { staticData: {}, nodeId: `repeat-${++nodes}` };
				const first = await deliver(authenticated(given), setup);
				if (first.status !== 200) expect(first.staticData).toEqual({});
				const again = await deliver(authenticated(given), setup);
				expect(again.status).toBe(first.status);
				// A payload without a call id cannot be recognised, so it may run again; none with one does.
				expect(again.items.filter(hasCallId)).toEqual([]);
			}),
			{ numRuns: 200 },
		);
	});
});
