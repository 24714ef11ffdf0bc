import { ANSWERED_HANGUP, MISSED_HANGUP } from './fixtures';
import { deliver, SECRET, withSecret } from './harness';

/** What every shape of the missed-call fixture must come out as. */
const EXPECTED = {
	event: 'call_hangup_missed',
	event_name: 'Call hangup (Missed)',
	uuid: MISSED_HANGUP.uuid,
	call_id: MISSED_HANGUP.call_id,
	ref_id: null,
	custom_identifier: null,
	caller_id_number: '+919876543210',
	customer_no_with_prefix: '+919876543210',
	direction: 'inbound',
	call_status: 'missed',
	start_stamp: '2026-09-21T10:15:00+05:30',
	start_stamp_utc: '2026-09-21T04:45:00.000Z',
	answer_stamp: null,
	end_stamp: '2026-09-21T10:15:32+05:30',
	end_stamp_utc: '2026-09-21T04:45:32.000Z',
	duration: 32,
	billsec: 0,
	agent_ring_time: 28,
	hangup_cause_code: 19,
	answered_agent: null,
	missed_agent: [{ id: '0502842370097', name: 'Priya Sharma', number: '+919812345678', agent_number: '9812345678' }],
	recording_name: null,
	campaign_id: null,
	call_connected: false,
	digits_dialed: '0042',
	billing_circle: { operator: 'Airtel', circle: 'Karnataka' },
};

/** The fixture as a form or a query string carries it: objects and arrays as JSON text. */
function flat(payload: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(payload).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
	);
}

describe('Smartflo Trigger: every payload shape Smartflo sends gives the same normalised item', () => {
	it('JSON at the root: one item, answered 200 with JSON', async () => {
		const { items, status, body } = await deliver({ json: MISSED_HANGUP, query: withSecret() });
		expect({ status, body }).toEqual({ status: 200, body: { received: true, started: true } });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject(EXPECTED);
		expect(items[0]).not.toHaveProperty(['customer_no_with_prefix ']);
	});

	it.each(['data', 'payload'])('JSON nested under "%s", the event named at the root', async (wrapper) => {
		const { event, ...fields } = MISSED_HANGUP;
		const { items } = await deliver({ json: { event, [wrapper]: fields }, query: withSecret() });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it.each(['data', 'event', 'payload'])('JSON nested under "%s", the event named inside', async (wrapper) => {
		const { items } = await deliver({ json: { [wrapper]: MISSED_HANGUP }, query: withSecret() });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('JSON nested two levels deep, the nested object sent as JSON text', async () => {
		const { items } = await deliver({ json: { payload: { data: JSON.stringify(MISSED_HANGUP) } }, query: withSecret() });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('form-encoded, objects and arrays as JSON text', async () => {
		const { items } = await deliver({ form: flat(MISSED_HANGUP), query: withSecret() });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('form-encoded with PHP-style keys: data[uuid]=…', async () => {
		const form = Object.fromEntries(
			Object.entries(flat(MISSED_HANGUP)).map(([key, value]) => [key === 'event' ? key : `data[${key}]`, value]),
		);
		const { items } = await deliver({ form, query: withSecret() });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('form-encoded with the key PHP mangles: customer_no_with_prefix_', async () => {
		const { 'customer_no_with_prefix ': prefixed, ...rest } = MISSED_HANGUP;
		const { items } = await deliver({ form: flat({ ...rest, customer_no_with_prefix_: prefixed }), query: withSecret() });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('GET with the payload in the query string (flat, as Express 5 and node:querystring parse it)', async () => {
		const query = new URLSearchParams({ ...flat(MISSED_HANGUP), secret: SECRET }).toString();
		const { items } = await deliver({ method: 'GET', query });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('GET with PHP-style keys already nested (as Express 4’s qs parser gives them)', async () => {
		const { event, ...fields } = MISSED_HANGUP;
		const { items } = await deliver({ method: 'GET', query: { secret: SECRET, event, data: flat(fields) } });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('GET with $-prefixed keys', async () => {
		const dollars = Object.fromEntries(Object.entries(flat(MISSED_HANGUP)).map(([key, value]) => [`$${key}`, value]));
		const query = new URLSearchParams({ ...dollars, secret: SECRET }).toString();
		const { items } = await deliver({ method: 'GET', query });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it.each([
		['text/plain', JSON.stringify(MISSED_HANGUP)],
		['application/octet-stream', JSON.stringify(MISSED_HANGUP)],
		[undefined, JSON.stringify(MISSED_HANGUP)],
		['text/plain', new URLSearchParams(flat(MISSED_HANGUP)).toString()],
	])('a body n8n does not parse (content type %s) is read from its raw text', async (contentType, body) => {
		const { items } = await deliver({ text: { body, contentType }, query: withSecret() });
		expect(items[0]).toMatchObject(EXPECTED);
	});

	it('a JSON array of deliveries gives one item each, in order', async () => {
		const { items } = await deliver({ json: [MISSED_HANGUP, ANSWERED_HANGUP], query: withSecret() });
		expect(items.map((item) => item.event)).toEqual(['call_hangup_missed', 'call_hangup_answered']);
	});

	it('keeps the payload as it came under raw, and says when n8n received it', async () => {
		const before = Date.now();
		const { items } = await deliver({ json: MISSED_HANGUP, query: withSecret() });
		expect(items[0].raw).toEqual(MISSED_HANGUP);
		expect(Date.parse(items[0].received_at as string)).toBeGreaterThanOrEqual(before - 1000);
	});

	it('never outputs the secret, in the fields or in raw, when it came in the query of a GET', async () => {
		const query = new URLSearchParams({ ...flat(MISSED_HANGUP), secret: SECRET }).toString();
		const { items } = await deliver({ method: 'GET', query });
		expect(JSON.stringify(items)).not.toContain(SECRET);
		expect(items[0].raw).not.toHaveProperty('secret');
	});

	it('an answered call: the agent object, the recording link, the talk time', async () => {
		const { items } = await deliver({ json: ANSWERED_HANGUP, query: withSecret() });
		expect(items[0]).toMatchObject({
			event: 'call_hangup_answered',
			call_status: 'answered',
			answer_stamp: '2026-09-21T10:15:06+05:30',
			answer_stamp_utc: '2026-09-21T04:45:06.000Z',
			billsec: 134,
			call_connected: true,
			answered_agent: { id: '0502842370097', name: 'Priya Sharma', number: '+919812345678' },
			missed_agent: [],
			recording_url: ANSWERED_HANGUP.recording_url,
		});
	});
});
