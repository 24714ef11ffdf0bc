import { bodyTemplate, findTrigger, SMARTFLO_TRIGGERS, type SmartfloTrigger } from '../../src/webhooks';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { closedPortUrl, startFakeServer, type FakeServer, type RecordedRequest } from '../helpers/fake-server';
import { type Json } from './helpers';

const SECRET_QUERY = 'secret=sandbox-webhook-secret';

describe('sandbox webhooks: Smartflo’s deliveries of a call’s lifecycle', () => {
	let sandbox: SandboxHandle;
	let receiver: FakeServer;

	beforeAll(async () => {
		sandbox = await startSandbox();
		receiver = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
	});
	afterEach(() => {
		sandbox.clearWebhooks();
		sandbox.resetWebhookStats();
		sandbox.configureWebhooks({ onClickToCall: 'answered', clickToCallQuirks: {}, deliveryTimeoutMs: 10_000 });
		receiver.requests.length = 0;
		receiver.reply(() => ({ status: 200, body: { ok: true } }));
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});

	const hook = (path: string) => `${receiver.url}${path}?${SECRET_QUERY}`;
	/** One webhook per trigger, each on its own path so the receiver can tell them apart. */
	const registerAll = (extra: object = {}) => {
		for (const trigger of SMARTFLO_TRIGGERS) sandbox.registerWebhook({ url: hook(`/${trigger.id}`), trigger: trigger.name, ...extra });
	};
	const triggersReceived = () => receiver.requests.map((request) => request.path.split('?')[0].slice(1));
	const jsonOf = (request: RecordedRequest): Json => JSON.parse(request.body);

	describe('registration', () => {
		it('takes the portal’s name or the id and defaults to POST, JSON and the trigger’s template', () => {
			const byName = sandbox.registerWebhook({ url: hook('/a'), trigger: 'Call hangup (Missed)' });
			expect(byName).toMatchObject({
				trigger: 'call_hangup_missed',
				triggerName: 'Call hangup (Missed)',
				method: 'POST',
				encoding: 'json',
				headers: {},
			});
			expect(byName.bodyTemplate).toEqual(bodyTemplate(findTrigger('call_hangup_missed') as SmartfloTrigger));
			expect(sandbox.registerWebhook({ url: hook('/b'), trigger: 'dtmf_option', method: 'GET' }).method).toBe('GET');
			expect(sandbox.listWebhooks().map((webhook) => webhook.trigger)).toEqual(['call_hangup_missed', 'dtmf_option']);
			sandbox.removeWebhook(byName.id);
			expect(sandbox.listWebhooks()).toHaveLength(1);
			expect(() => sandbox.removeWebhook(byName.id)).toThrow(RangeError);
		});

		it.each([
			[{ url: 'ftp://example.com/x', trigger: 'DTMF Option' }, /url/],
			[{ url: 'not a url', trigger: 'DTMF Option' }, /url/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'Call exploded' }, /trigger must be one of: Call received on Server/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'DTMF Option', method: 'PUT' }, /method/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'DTMF Option', encoding: 'xml' }, /encoding/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'DTMF Option', bodyTemplate: '{not json' }, /bodyTemplate/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'DTMF Option', bodyTemplate: '[1]' }, /bodyTemplate/],
			[{ url: 'http://127.0.0.1:1/x', trigger: 'DTMF Option', headers: { 'X-A': 1 } }, /headers/],
		])('refuses %j with a TypeError', (registration, message) => {
			expect(() => sandbox.registerWebhook(registration as never)).toThrow(TypeError);
			expect(() => sandbox.registerWebhook(registration as never)).toThrow(message);
		});
	});

	describe('lifecycles', () => {
		it('an inbound call answered after two IVR keys: every trigger it fires, in Smartflo’s order', async () => {
			registerAll();
			const played = await sandbox.playCall({ kind: 'inbound', outcome: 'answered', digits: '12' });
			const expected = [
				'call_received_on_server',
				'call_answered_on_ivr',
				'dtmf_option',
				'dtmf_option',
				'call_received_on_department',
				'dialed_on_agent',
				'call_answered_by_agent',
				'call_hangup_answered',
				'call_hangup_missed_or_answered',
				'call_answered_by_agent_hangup',
			];
			expect(played.events).toEqual(expected);
			expect(triggersReceived()).toEqual(expected);
			expect(played.deliveries.every((delivery) => delivery.outcome === 'delivered' && delivery.status === 200)).toBe(true);
			expect(played.finished).toBe(true);
			const digits = receiver.requests
				.filter((request) => request.path.startsWith('/dtmf_option'))
				.map((request) => jsonOf(request).digit_pressed);
			expect(digits).toEqual(['1', '2']);
		});

		it.each([
			[
				'inbound',
				'missed',
				[
					'call_received_on_server',
					'call_received_on_department',
					'dialed_on_agent',
					'call_hangup_missed',
					'call_hangup_missed_or_answered',
					'call_missed_by_agent_hangup',
				],
			],
			[
				'clickToCall',
				'answered',
				[
					'dialed_on_agent',
					'call_answered_by_agent',
					'click_to_call_answered_by_customer',
					'call_hangup_answered',
					'call_hangup_missed_or_answered',
				],
			],
			[
				'clickToCall',
				'missed',
				[
					'dialed_on_agent',
					'call_answered_by_agent',
					'click_to_call_missed_by_customer',
					'call_hangup_missed',
					'call_hangup_missed_or_answered',
				],
			],
			[
				'clickToCallSupport',
				'answered',
				[
					'click_to_call_answered_by_customer',
					'dialed_on_agent',
					'call_answered_by_agent',
					'call_hangup_answered',
					'call_hangup_missed_or_answered',
				],
			],
			['clickToCallSupport', 'missed', ['click_to_call_missed_by_customer', 'call_hangup_missed', 'call_hangup_missed_or_answered']],
			[
				'dialer',
				'answered',
				[
					'dialer_call_connected_to_agent',
					'session_call_answered',
					'call_answered_by_agent',
					'call_hangup_answered',
					'call_hangup_missed_or_answered',
					'call_answered_by_agent_hangup',
					'dialer_disposition_status_updated',
				],
			],
		] as const)('%s, %s', async (kind, outcome, expected) => {
			registerAll();
			const played = await sandbox.playCall({ kind, outcome });
			expect(played.events).toEqual(expected);
			expect(triggersReceived()).toEqual(expected);
		});

		it('only the triggers with a webhook are delivered, each to every webhook registered for it', async () => {
			sandbox.registerWebhook({ url: hook('/one'), trigger: 'Call hangup (Missed)' });
			sandbox.registerWebhook({ url: hook('/two'), trigger: 'Call hangup (Missed)' });
			const played = await sandbox.playCall({ outcome: 'missed' });
			expect(receiver.requests.map((request) => request.path)).toEqual([`/one?${SECRET_QUERY}`, `/two?${SECRET_QUERY}`]);
			expect(played.deliveries).toHaveLength(2);
		});

		it('a missed inbound call’s hangup: what integrators see from Smartflo', async () => {
			sandbox.registerWebhook({ url: hook('/missed'), trigger: 'Call hangup (Missed)', headers: { 'X-Smartflo-Secret': 'from-a-header' } });
			const played = await sandbox.playCall({ outcome: 'missed', customerNumber: '+919876543210', customIdentifier: 'crm-42' });
			const [request] = receiver.requests;
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.headers['x-smartflo-secret']).toBe('from-a-header');
			const body = jsonOf(request);
			expect(body).toMatchObject({
				event: 'call_hangup_missed',
				uuid: played.uuid,
				call_id: played.callId,
				ref_id: '',
				custom_identifier: 'crm-42',
				caller_id_number: '9876543210',
				customer_no_with_prefix: '+919876543210',
				direction: 'inbound',
				call_status: 'missed',
				answer_stamp: '',
				billsec: '0',
				answered_agent: '',
				recording_url: '',
				call_connected: '0',
				hangup_cause_code: '19',
				billing_circle: { operator: 'Airtel', circle: 'Karnataka' },
			});
			expect(body.start_stamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(Number(body.duration)).toBe(30);
			expect(body.missed_agent).toEqual([
				expect.objectContaining({ id: expect.any(String), name: expect.any(String), number: expect.stringMatching(/^\+91/) }),
			]);
		});

		it('an answered call’s hangup carries the agent object, the talk time and a signed recording link', async () => {
			sandbox.registerWebhook({ url: hook('/answered'), trigger: 'Call hangup (Answered)' });
			await sandbox.playCall({ outcome: 'answered', talkSeconds: 95 });
			const body = jsonOf(receiver.requests[0]);
			expect(body).toMatchObject({ call_status: 'answered', billsec: '95', call_connected: '1', missed_agent: '' });
			expect(body.answered_agent).toEqual({ id: expect.any(String), name: expect.any(String), number: expect.any(String) });
			expect(body.recording_url).toMatch(/^https:\/\/cloudphone\.tatateleservices\.com\/file\/recording\?callId=.*&type=rec&token=\w{40}$/);
			expect(body.call_flow.map((step: Json) => step.type)).toEqual(['init', 'Agent', 'hangup']);
		});

		it('fills a hand-written template: whole variables keep their type, embedded ones become text, unknown ones stay', async () => {
			sandbox.registerWebhook({
				url: hook('/custom'),
				trigger: 'Call answered by Agent',
				bodyTemplate: JSON.stringify({
					kind: 'answered',
					who: '$answered_agent',
					text: 'call $call_id from $caller_id_number',
					nested: { id: '$uuid' },
					odd: '$no_such_variable',
				}),
			});
			const played = await sandbox.playCall({ customerNumber: '9876543210' });
			const body = jsonOf(receiver.requests[0]);
			expect(body.who).toEqual(expect.objectContaining({ name: expect.any(String) }));
			expect(body.text).toBe(`call ${played.callId} from 9876543210`);
			expect(body.nested).toEqual({ id: played.uuid });
			expect(body.odd).toBe('$no_such_variable');
			expect(body.kind).toBe('answered');
		});

		it('refuses bad call options with a TypeError', () => {
			expect(() => sandbox.playCall({ kind: 'fax' as never })).toThrow(/kind/);
			expect(() => sandbox.playCall({ outcome: 'maybe' as never })).toThrow(/outcome/);
			expect(() => sandbox.playCall({ digits: '1x' })).toThrow(/digits/);
			expect(() => sandbox.playCall({ customerNumber: '123' })).toThrow(/customerNumber/);
			expect(() => sandbox.playCall({ agent: 'nobody' })).toThrow(/agent/);
			expect(() => sandbox.playCall({ quirks: { duplicates: ['Call exploded'] } })).toThrow(/duplicates/);
		});
	});

	describe('quirks on demand', () => {
		it('duplicates: every event twice, or only the listed triggers', async () => {
			sandbox.registerWebhook({ url: hook('/h'), trigger: 'Call hangup (Answered)' });
			sandbox.registerWebhook({ url: hook('/a'), trigger: 'Call answered by Agent' });
			const all = await sandbox.playCall({ quirks: { duplicates: true } });
			expect(all.deliveries.map(({ trigger, copy }) => `${trigger}#${copy}`)).toEqual([
				'call_answered_by_agent#1',
				'call_answered_by_agent#2',
				'call_hangup_answered#1',
				'call_hangup_answered#2',
			]);
			expect(receiver.requests[0].body).toBe(receiver.requests[1].body);
			const some = await sandbox.playCall({ quirks: { duplicates: ['Call hangup (Answered)'] } });
			expect(some.deliveries.map(({ trigger, copy }) => `${trigger}#${copy}`)).toEqual([
				'call_answered_by_agent#1',
				'call_hangup_answered#1',
				'call_hangup_answered#2',
			]);
		});

		it('out of order: the answered events arrive after the hangup', async () => {
			registerAll();
			await sandbox.playCall({ kind: 'clickToCall', quirks: { outOfOrder: true } });
			expect(triggersReceived()).toEqual([
				'dialed_on_agent',
				'call_hangup_answered',
				'call_hangup_missed_or_answered',
				'call_answered_by_agent',
				'click_to_call_answered_by_customer',
			]);
		});

		it('unresolved placeholders: variables without a value arrive as the literal $name', async () => {
			sandbox.registerWebhook({ url: hook('/m'), trigger: 'Call hangup (Missed)' });
			await sandbox.playCall({ outcome: 'missed', quirks: { unresolvedPlaceholders: true } });
			const body = jsonOf(receiver.requests[0]);
			expect(body).toMatchObject({
				ref_id: '$ref_id',
				recording_url: '$recording_url',
				campaign_id: '$campaign_id',
				answered_agent: '$answered_agent',
			});
			expect(body.call_status).toBe('missed');
		});

		it('the trailing-space key and $-prefixed keys', async () => {
			sandbox.registerWebhook({ url: hook('/m'), trigger: 'Call hangup (Missed)' });
			await sandbox.playCall({ outcome: 'missed', quirks: { trailingSpaceKey: true } });
			expect(Object.keys(jsonOf(receiver.requests[0]))).toContain('customer_no_with_prefix ');
			await sandbox.playCall({ outcome: 'missed', quirks: { dollarKeys: true } });
			expect(Object.keys(jsonOf(receiver.requests[1])).every((key) => key.startsWith('$'))).toBe(true);
		});

		it('form encoding: every field a form field, objects and arrays as JSON text', async () => {
			sandbox.registerWebhook({ url: hook('/form'), trigger: 'Call hangup (Answered)', encoding: 'form' });
			const played = await sandbox.playCall();
			const [request] = receiver.requests;
			expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
			const form = new URLSearchParams(request.body);
			expect(form.get('call_id')).toBe(played.callId);
			expect(JSON.parse(form.get('answered_agent') as string)).toEqual(expect.objectContaining({ name: expect.any(String) }));
		});

		it('GET: the fields in the query string, next to the URL’s own parameters, and no body', async () => {
			sandbox.registerWebhook({ url: hook('/get'), trigger: 'Call hangup (Answered)', method: 'GET' });
			const played = await sandbox.playCall();
			const [request] = receiver.requests;
			expect(request.method).toBe('GET');
			expect(request.body).toBe('');
			const query = new URL(request.path, receiver.url).searchParams;
			expect(query.get('secret')).toBe('sandbox-webhook-secret');
			expect(query.get('event')).toBe('call_hangup_answered');
			expect(query.get('uuid')).toBe(played.uuid);
		});
	});

	describe('failures are counted and bounded in time', () => {
		it('counts deliveries, failures by status, network errors and timeouts', async () => {
			sandbox.configureWebhooks({ deliveryTimeoutMs: 300 });
			sandbox.registerWebhook({ url: hook('/ok'), trigger: 'Call answered by Agent' });
			sandbox.registerWebhook({ url: hook('/fail'), trigger: 'Call hangup (Answered)' });
			sandbox.registerWebhook({ url: hook('/hang'), trigger: 'Call hangup (Missed or Answered)' });
			sandbox.registerWebhook({ url: `${await closedPortUrl()}/x`, trigger: 'Call received on Server' });
			receiver.reply((request) =>
				request.path.startsWith('/fail')
					? { status: 500, body: {} }
					: request.path.startsWith('/hang')
						? { hang: true }
						: { status: 200, body: {} },
			);
			const started = Date.now();
			const played = await sandbox.playCall();
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(played.deliveries.map(({ trigger, outcome, status }) => [trigger, outcome, status])).toEqual([
				['call_received_on_server', 'networkError', null],
				['call_answered_by_agent', 'delivered', 200],
				['call_hangup_answered', 'rejected', 500],
				['call_hangup_missed_or_answered', 'timedOut', null],
			]);
			expect(played.deliveries[3].durationMs).toBeGreaterThanOrEqual(290);
			expect(sandbox.webhookStats()).toEqual({
				calls: 1,
				deliveries: 4,
				delivered: 1,
				failed: 3,
				timedOut: 1,
				networkErrors: 1,
				byStatus: { '200': 1, '500': 1 },
				byTrigger: { call_received_on_server: 1, call_answered_by_agent: 1, call_hangup_answered: 1, call_hangup_missed_or_answered: 1 },
			});
		});

		it('gives up on a delivery after 10 s by default, like Smartflo', () => {
			expect(sandbox.webhookSettings().deliveryTimeoutMs).toBe(10_000);
			expect(() => sandbox.configureWebhooks({ deliveryTimeoutMs: 0 })).toThrow(TypeError);
		});

		it('close() abandons a hanging delivery at once', async () => {
			const own = await startSandbox();
			own.registerWebhook({ url: hook('/hang'), trigger: 'Call received on Server' });
			receiver.reply(() => ({ hang: true }));
			const playing = own.playCall();
			await new Promise((resolve) => setTimeout(resolve, 100));
			const started = Date.now();
			await own.close();
			const played = await playing;
			expect(Date.now() - started).toBeLessThan(2_000);
			expect(played.deliveries[0].outcome).toBe('networkError');
		});
	});
});
