import fc from 'fast-check';

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

	it.each([
		['1e17', 1e17],
		['-1e16', -1e16],
		['8.64e15, the last instant Date holds', 8.64e15],
		['-8.64e15, the first', -8.64e15],
		['epoch nanoseconds', 1_789_965_900_000_000_000],
		['1e308', 1e308],
		['a year after 9999 in milliseconds', Date.UTC(10_000, 0, 1)],
		['the last instant of 9999 UTC, which is already 10000 in IST', Date.UTC(9999, 11, 31, 23, 59, 59)],
	])('an impossible numeric stamp (%s) is no time', (_label, given) => {
		expect(normaliseStamp(given, IST)).toEqual({ local: null, utc: null });
	});

	it('the years RFC 3339 writes are read, to the first instant of 0000 and the last of 9999', () => {
		expect(normaliseStamp(-62_167_219_200, 'UTC')).toEqual({ local: '0000-01-01T00:00:00+00:00', utc: '0000-01-01T00:00:00.000Z' });
		expect(normaliseStamp(Date.parse('0050-06-01T00:00:00Z') / 1000, 'UTC')).toEqual({
			local: '0050-06-01T00:00:00+00:00',
			utc: '0050-06-01T00:00:00.000Z',
		});
		expect(normaliseStamp('0050-06-01 10:00:00', 'UTC')).toEqual({ local: '0050-06-01T10:00:00+00:00', utc: '0050-06-01T10:00:00.000Z' });
		expect(normaliseStamp(253_402_300_799_000, 'UTC')).toEqual({ local: '9999-12-31T23:59:59+00:00', utc: '9999-12-31T23:59:59.000Z' });
	});

	it('in the fields, an impossible stamp stays as it came with a null UTC twin, and no NaN reaches the output', () => {
		const fields = normaliseFields({ start_stamp: 1e17, answer_stamp: 8.64e15, end_stamp: -1e16, date: 1_789_965_900_000_000_000 }, IST);
		expect(fields).toEqual({
			start_stamp: 1e17,
			start_stamp_utc: null,
			answer_stamp: 8.64e15,
			answer_stamp_utc: null,
			end_stamp: -1e16,
			end_stamp_utc: null,
			date: 1_789_965_900_000_000_000,
			date_utc: null,
		});
		expect(JSON.stringify(fields)).not.toMatch(/NaN/);
	});

	it('whatever number a stamp is, it is no time or an ISO 8601 time with an offset of whole minutes, never NaN', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.double(), fc.integer(), fc.constantFrom(8.64e15, -8.64e15, 1e11, 1e11 - 1)),
				fc.constantFrom(IST, 'UTC', 'America/New_York', 'Pacific/Kiritimati'),
				(given, zone) => {
					const { local, utc } = normaliseStamp(given, zone);
					expect(local === null).toBe(utc === null);
					if (local === null || utc === null) return;
					expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
					expect(utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
				},
			),
			{ numRuns: 2000 },
		);
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
