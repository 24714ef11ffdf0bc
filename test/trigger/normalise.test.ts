import { normaliseEvent, normaliseFields, normaliseStamp, payloadsOf } from '../../src/webhooks';

const IST = 'Asia/Kolkata';

describe('normaliseFields: Smartflo’s values made usable', () => {
	it('unresolved $placeholders and empty strings become null, at any depth; other $ text stays', () => {
		const fields = normaliseFields(
			{
				campaign_id: '$campaign_id',
				notes: '',
				billing_circle: { operator: '$operator', circle: ' ' },
				price: '$5',
				label: 'costs $x now',
			},
			IST,
		);
		expect(fields).toEqual({
			campaign_id: null,
			notes: null,
			billing_circle: { operator: null, circle: null },
			price: '$5',
			label: 'costs $x now',
		});
	});

	it('durations and counts become numbers (HH:MM:SS too); phone numbers, ids and digits stay text', () => {
		const fields = normaliseFields(
			{
				duration: '65',
				billsec: '00:01:05',
				hangup_cause_code: '16',
				outbound_sec: 'n/a',
				call_id: 1715235734.129662,
				caller_id_number: '09876543210',
				digits_dialed: '0042',
			},
			IST,
		);
		expect(fields).toEqual({
			duration: 65,
			billsec: 65,
			hangup_cause_code: 16,
			outbound_sec: null,
			call_id: '1715235734.129662',
			caller_id_number: '09876543210',
			digits_dialed: '0042',
		});
	});

	it.each([
		['inbound', 'inbound'],
		['Outbound', 'outbound'],
		['clicktocall', 'click_to_call'],
		['click_to_call', 'click_to_call'],
		['2', 'outbound'],
		['broadcast', 'unknown'],
	])('direction %p becomes %p', (given, expected) => {
		expect(normaliseFields({ direction: given }, IST).direction).toBe(expected);
	});

	it.each([
		['answered', 'answered'],
		['ANSWER', 'answered'],
		['missed', 'missed'],
		['NOANSWER', 'missed'],
		['busy', 'missed'],
		['contacted', 'contacted'],
		['voicemail', 'unknown'],
		['', null],
	])('call_status %p becomes %p', (given, expected) => {
		expect(normaliseFields({ call_status: given }, IST).call_status).toBe(expected);
	});

	it('answered_agent: an object, built from the flat fields when Smartflo sends only those, else null', () => {
		expect(normaliseFields({ answered_agent: '', answered_agent_name: '', answered_agent_number: '' }, IST).answered_agent).toBeNull();
		expect(normaliseFields({ answer_agent_number: '+919812345678' }, IST).answered_agent).toEqual({
			id: null,
			name: null,
			number: '+919812345678',
		});
		expect(normaliseFields({ answered_agent: '{"id":"7","name":"Asha","number":"+919800000000"}' }, IST).answered_agent).toEqual({
			id: '7',
			name: 'Asha',
			number: '+919800000000',
		});
	});

	it('missed_agent: always an array', () => {
		expect(normaliseFields({ missed_agent: '' }, IST).missed_agent).toEqual([]);
		expect(normaliseFields({ missed_agent: { id: '7' } }, IST).missed_agent).toEqual([{ id: '7' }]);
		expect(normaliseFields({ missed_agent: '[{"id":"7"},{"id":"8"}]' }, IST).missed_agent).toEqual([{ id: '7' }, { id: '8' }]);
	});

	it('call_flow: its epoch-second times become numbers', () => {
		expect(normaliseFields({ call_flow: '[{"type":"init","time":"1790798400"}]' }, IST).call_flow).toEqual([
			{ type: 'init', time: 1790798400 },
		]);
	});

	it('each stamp is followed by its UTC twin', () => {
		expect(Object.keys(normaliseFields({ start_stamp: '2026-09-21 10:15:00', duration: '3' }, IST))).toEqual([
			'start_stamp',
			'start_stamp_utc',
			'duration',
		]);
	});
});

describe('normaliseStamp: wall-clock times in the account zone', () => {
	it.each([
		['2026-09-21 10:15:00', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
		['2026-09-21 00:10:00', '2026-09-21T00:10:00+05:30', '2026-09-20T18:40:00.000Z'],
		['2026-09-21T10:15', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
		['2026-09-21T04:45:00Z', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
		['2026-09-21T10:15:00+0530', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
		['1789965900', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
		['1789965900000', '2026-09-21T10:15:00+05:30', '2026-09-21T04:45:00.000Z'],
	])('%p in IST', (given, local, utc) => {
		expect(normaliseStamp(given, IST)).toEqual({ local, utc });
	});

	it.each(['2026-02-30 10:00:00', 'yesterday', '', '$start_stamp', null])('%p is no time', (given) => {
		expect(normaliseStamp(given, IST)).toEqual({ local: null, utc: null });
	});

	it('other zones, across a daylight-saving change', () => {
		expect(normaliseStamp('2026-07-01 09:00:00', 'America/New_York')).toEqual({
			local: '2026-07-01T09:00:00-04:00',
			utc: '2026-07-01T13:00:00.000Z',
		});
		expect(normaliseStamp('2026-12-01 09:00:00', 'America/New_York')).toEqual({
			local: '2026-12-01T09:00:00-05:00',
			utc: '2026-12-01T14:00:00.000Z',
		});
		expect(normaliseStamp('2026-12-01 09:00:00', 'Asia/Kathmandu')).toEqual({
			local: '2026-12-01T09:00:00+05:45',
			utc: '2026-12-01T03:15:00.000Z',
		});
	});

	it('a text that is no time stays as it came in the fields, with a null UTC twin', () => {
		expect(normaliseFields({ end_stamp: 'soon' }, IST)).toEqual({ end_stamp: 'soon', end_stamp_utc: null });
	});
});

describe('payloadsOf and normaliseEvent', () => {
	it('rejects prototype-polluting keys instead of following them', () => {
		const [payload] = payloadsOf(JSON.parse('{"__proto__": {"polluted": true}, "data[__proto__][x]": "1", "uuid": "u"}'));
		expect(payload.fields).toEqual({ 'data[__proto__][x]': '1', uuid: 'u' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('no object, no payload', () => {
		expect(payloadsOf('not a payload')).toEqual([]);
		expect(payloadsOf(42)).toEqual([]);
		expect(payloadsOf([1, 'two'])).toEqual([]);
	});

	it('names the event by id, by portal name, or not at all', () => {
		expect(normaliseEvent({ event: 'dtmf_option' }, { timeZone: IST })).toMatchObject({ event: 'dtmf_option', eventName: 'DTMF Option' });
		expect(normaliseEvent({ event: 'DTMF Option' }, { timeZone: IST })).toMatchObject({ event: 'dtmf_option' });
		expect(normaliseEvent({}, { timeZone: IST, fallbackEvent: 'Session Call Answered' })).toMatchObject({ event: 'session_call_answered' });
		expect(normaliseEvent({ uuid: 'x' }, { timeZone: IST })).toMatchObject({ event: null, eventName: null, trigger: undefined });
	});
});
