import { MISSED_HANGUP } from './fixtures';
import { deliver, SECRET, withSecret } from './harness';
import { HOSTILE_BODIES, LIMITS, nestedObjectsJson, outputProblems, payloadArrayJson, PROTOTYPE_KEYS_JSON } from './hostile';

const HEADER = { authentication: 'header' };
const polluted = () => (Object.prototype as Record<string, unknown>).polluted;

describe('Smartflo Trigger: a request without the secret costs nothing and leaves nothing', () => {
	it.each(HOSTILE_BODIES.map((hostile) => [hostile.label, hostile] as const))(
		'%s: 401 without the secret, 403 with another, and the body is never looked at',
		async (_label, { body, contentType }) => {
			const missing = await deliver({ text: { body, contentType } });
			const wrong = await deliver({ text: { body, contentType }, query: 'secret=not-the-secret' });
			const inHeader = await deliver({ text: { body, contentType }, query: withSecret() }, { parameters: HEADER });
			expect([missing.status, wrong.status, inHeader.status]).toEqual([401, 403, 401]);
			for (const outcome of [missing, wrong, inHeader]) {
				expect(outcome).toMatchObject({ items: [], bodyReads: 0, logs: [], staticData: {} });
				expect(outcome.result.workflowData).toBeUndefined();
			}
		},
	);

	it('a POST without the secret is refused even with an empty body; a GET without payload fields is a ping', async () => {
		expect((await deliver({})).status).toBe(401);
		expect((await deliver({ json: {} })).status).toBe(401);
		const ping = await deliver({ method: 'GET', query: 'event=call_hangup_missed' });
		expect(ping).toMatchObject({ status: 200, body: { received: true, verification: true }, bodyReads: 0 });
	});

	it('a GET that carries payload fields in its query needs the secret', async () => {
		const query = new URLSearchParams({ event: 'call_hangup_missed', uuid: 'u-1' }).toString();
		expect(await deliver({ method: 'GET', query })).toMatchObject({ status: 401, items: [], bodyReads: 0 });
		expect(await deliver({ method: 'GET', query: `${query}&secret=wrong-wrong` })).toMatchObject({ status: 403, items: [] });
	});
});

describe('Smartflo Trigger: a request with the secret and a body it cannot read gets a clear 4xx', () => {
	it.each(HOSTILE_BODIES.map((hostile) => [hostile.label, hostile] as const))(
		'%s',
		async (_label, { body, contentType, authenticated }) => {
			const outcome = await deliver({ text: { body, contentType }, query: withSecret() });
			expect(outcome.status).toBe(authenticated);
			expect(outcome.logs).toEqual([]);
			expect(outcome.items.flatMap((item) => outputProblems(item))).toEqual([]);
			if (authenticated !== 200) {
				expect(outcome).toMatchObject({ items: [], staticData: {} });
				expect((outcome.body as { message: string }).message).toMatch(/deep|larger|more than|not valid JSON|not a JSON object/);
			}
			expect(polluted()).toBeUndefined();
		},
	);

	it('names the limit it met', async () => {
		const send = async (body: string, contentType = 'application/json') =>
			((await deliver({ text: { body, contentType }, query: withSecret() })).body as { message: string }).message;
		expect(await send(nestedObjectsJson(LIMITS.maxDepth + 1))).toBe(
			`A payload nests objects and arrays more than ${LIMITS.maxDepth} levels deep`,
		);
		expect(await send(payloadArrayJson(LIMITS.maxPayloads + 1))).toBe(`The delivery holds more than ${LIMITS.maxPayloads} payloads`);
		expect(await send(`"${'x'.repeat(LIMITS.maxBytes)}"`)).toBe(`The delivery is larger than ${LIMITS.maxBytes} bytes`);
		expect(await send(JSON.stringify({ uuid: 'u', many: Array.from({ length: LIMITS.maxValues }, () => 1) }))).toBe(
			`The delivery holds more than ${LIMITS.maxValues} values`,
		);
		expect(await send('{"uuid": "x"', 'text/plain')).toBe('The body is not valid JSON');
	});

	it('the limits leave room for Smartflo: a payload nested as deep as allowed and an array of the most payloads allowed are read', async () => {
		const deep = await deliver({
			text: { body: `{"event":"dtmf_option","uuid":"d","x":${nestedObjectsJson(LIMITS.maxDepth - 2)}}`, contentType: 'application/json' },
			query: withSecret(),
		});
		expect(deep.items).toHaveLength(1);
		const many = await deliver({
			text: { body: payloadArrayJson(LIMITS.maxPayloads), contentType: 'application/json' },
			query: withSecret(),
		});
		expect(many.items).toHaveLength(LIMITS.maxPayloads);
	});

	it('JSON text inside a field counts against the limits too', async () => {
		const form = { event: 'call_hangup_answered', uuid: 'u-json', answered_agent: nestedObjectsJson(LIMITS.maxDepth + 5) };
		expect(await deliver({ form, query: withSecret() })).toMatchObject({ status: 400, items: [] });
		const wrapped = { event: 'call_hangup_answered', data: nestedObjectsJson(LIMITS.maxDepth + 5) };
		expect(await deliver({ form: wrapped, query: withSecret() })).toMatchObject({ status: 400, items: [] });
	});

	it('multipart/form-data is refused with the shapes to use instead', async () => {
		const outcome = await deliver({
			bytes: { body: Buffer.from('--x\r\n'), contentType: 'multipart/form-data; boundary=x' },
			query: withSecret(),
		});
		expect(outcome).toMatchObject({ status: 400, items: [] });
		expect(outcome.body).toEqual({ message: 'Send the payload as JSON, form fields or a query string, not as multipart/form-data' });
	});

	it('invalid UTF-8 is read as the replacement character, never thrown on', async () => {
		const bytes = Buffer.concat([
			Buffer.from('{"event":"dtmf_option","uuid":"u-utf","digit_pressed":"'),
			Buffer.from([0xff, 0xc3, 0x28]),
			Buffer.from('"}'),
		]);
		for (const contentType of ['application/json', 'text/plain', 'application/octet-stream']) {
			const outcome = await deliver({ bytes: { body: bytes, contentType }, query: withSecret() }, { mode: 'manual' });
			expect(outcome.status).toBe(200);
			expect(outcome.items[0]).toMatchObject({ event: 'dtmf_option', digit_pressed: '\ufffd\ufffd(' });
		}
	});
});

describe('Smartflo Trigger: keys that look like Object.prototype members', () => {
	it('are kept as the payload’s own fields, never renamed to a function’s text; unsafe keys are dropped at every depth', async () => {
		const { items } = await deliver({ text: { body: PROTOTYPE_KEYS_JSON, contentType: 'application/json' }, query: withSecret() });
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item).toMatchObject({ toString: 'x', valueOf: 'y', hasOwnProperty: 'z', direction: 'unknown', call_status: 'unknown' });
		expect(Object.keys(item).filter((key) => key.includes('native code'))).toEqual([]);
		expect(item.billing_circle).toEqual({ operator: 'Airtel' });
		expect(item.missed_agent).toEqual([{ id: '7' }]);
		expect(outputProblems(item)).toEqual([]);
		expect(Object.hasOwn(item, 'constructor')).toBe(false);
	});

	it('raw is safe to copy: no own __proto__ at any depth, so a naive deep copy keeps plain prototypes', async () => {
		const { items } = await deliver({ text: { body: PROTOTYPE_KEYS_JSON, contentType: 'application/json' }, query: withSecret() });
		const raw = items[0].raw as Record<string, unknown>;
		expect(raw).toMatchObject({ uuid: 'proto-1', toString: 'x', billing_circle: { operator: 'Airtel' }, missed_agent: [{ id: '7' }] });
		expect(outputProblems(raw).filter((problem) => !problem.includes('_utc'))).toEqual([]);
		const naiveCopy = (value: unknown): unknown => {
			if (typeof value !== 'object' || value === null) return value;
			const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
			for (const key in value) copy[key] = naiveCopy((value as Record<string, unknown>)[key]);
			return copy;
		};
		const copied = naiveCopy(raw) as Record<string, unknown>;
		expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(copied.billing_circle)).toBe(Object.prototype);
		expect((copied as { polluted?: unknown }).polluted).toBeUndefined();
	});

	it.each(['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'])(
		'a direction or call status of %p is unknown',
		async (text) => {
			const { items } = await deliver(
				{ json: { ...MISSED_HANGUP, direction: text, call_status: text }, query: withSecret() },
				{ mode: 'manual' },
			);
			expect(items[0]).toMatchObject({ direction: 'unknown', call_status: 'unknown' });
		},
	);

	it('ids and flags that are objects are no ids or flags, and never throw on an own toString', async () => {
		const body = '{"event":"dtmf_option","uuid":{"toString":1},"call_id":[1,2],"call_connected":{"valueOf":1},"duration":{"toString":"5"}}';
		const { items, status } = await deliver({ text: { body, contentType: 'application/json' }, query: withSecret() });
		expect(status).toBe(200);
		expect(items[0]).toMatchObject({ uuid: null, call_id: null, call_connected: null, duration: null });
	});
});

describe('Smartflo Trigger: the normalised fields win over a payload’s own fields of the same names', () => {
	it('event, event_name, received_at, raw and the _utc twins', async () => {
		const forged = {
			...MISSED_HANGUP,
			event_name: 'Forged name',
			received_at: '1999-01-01T00:00:00Z',
			raw: 'forged raw',
			start_stamp_utc: 'forged utc',
		};
		const { items } = await deliver({ json: forged, query: withSecret() }, { mode: 'manual' });
		expect(items[0]).toMatchObject({
			event: 'call_hangup_missed',
			event_name: 'Call hangup (Missed)',
			start_stamp_utc: '2026-09-21T04:45:00.000Z',
			raw: forged,
		});
		expect(items[0].received_at).not.toBe(forged.received_at);
		expect(Object.keys(items[0]).slice(0, 2)).toEqual(['event', 'event_name']);
	});

	it('a payload naming an unknown event keeps its text as event, and event_name is null whatever it says', async () => {
		const { items } = await deliver({ json: { event: 'made_up', event_name: 'Made up', uuid: 'u-x' }, query: withSecret() });
		expect(items[0]).toMatchObject({ event: 'made_up', event_name: null });
	});
});

describe('Smartflo Trigger: the secret is read from its own place only', () => {
	it('a secret in the body does not count', async () => {
		expect((await deliver({ json: { ...MISSED_HANGUP, secret: SECRET } })).status).toBe(401);
	});
});
