import fc from 'fast-check';

import { EPOCH_MILLISECONDS_FROM, epochMsOf, toSmartfloDateTime } from '../../src/api/date-time';
import { buildRequest, EndpointInputError, SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';

const SMARTFLO_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SEPT_21_UTC = Date.UTC(2026, 8, 21, 4, 45, 0);

describe('numeric dates: epoch seconds or milliseconds', () => {
	it.each([
		['epoch seconds', SEPT_21_UTC / 1000],
		['epoch seconds with a fraction', SEPT_21_UTC / 1000 + 0.25],
		['epoch milliseconds', SEPT_21_UTC],
	])('%s name the same instant', (_case, value) => {
		expect(toSmartfloDateTime(value, 'Asia/Kolkata')).toEqual({ ok: true, value: '2026-09-21 10:15:00' });
	});

	it('the boundary: below 1e11 is seconds (up to the year 5138), from 1e11 on milliseconds (from March 1973)', () => {
		expect(EPOCH_MILLISECONDS_FROM).toBe(1e11);
		expect(toSmartfloDateTime(1e11 - 1, 'UTC')).toEqual({ ok: true, value: '5138-11-16 09:46:39' });
		expect(toSmartfloDateTime(1e11, 'UTC')).toEqual({ ok: true, value: '1973-03-03 09:46:40' });
		expect(toSmartfloDateTime(0, 'UTC')).toEqual({ ok: true, value: '1970-01-01 00:00:00' });
		expect(toSmartfloDateTime(Date.UTC(9999, 11, 31, 23, 59, 59, 999), 'UTC')).toEqual({ ok: true, value: '9999-12-31 23:59:59' });
	});

	it.each([
		['epoch microseconds (sent as the year 55840 before)', SEPT_21_UTC * 1000, /^1789965900000000 is too large for epoch milliseconds/],
		[
			'epoch nanoseconds',
			SEPT_21_UTC * 1e6,
			/is too large for epoch milliseconds \(after the year 9999\): give epoch seconds or milliseconds, not microseconds or nanoseconds$/,
		],
		['the first millisecond of the year 10000', Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1, /is too large for epoch milliseconds/],
		['more than Date holds', 8.64e15 + 1, /is too large for epoch milliseconds/],
		['1e17', 1e17, /is too large/],
		['Number.MAX_VALUE', Number.MAX_VALUE, /is too large/],
		['a negative number', -1e16, /^-10000000000000000 is before 1970/],
		['Infinity', Number.POSITIVE_INFINITY, /^is not a number of seconds or milliseconds$/],
		['NaN', Number.NaN, /^is not a number of seconds or milliseconds$/],
	])('refuses %s with the reason', (_case, value, problem) => {
		const result = toSmartfloDateTime(value, 'Asia/Kolkata');
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.problem).toMatch(problem);
	});

	it.each([
		['an invalid Date', new Date(Number.NaN), 'the date is not valid'],
		['a Date before 1970', new Date('1969-12-31T23:59:59Z'), 'the date is before 1970'],
		['a Date whose year in the time zone is 10000', new Date('9999-12-31T20:00:00Z'), 'the date is after the year 9999'],
		['a Luxon-like value past what Date holds', { toMillis: () => 8.64e15 + 1 }, 'the date is after the year 9999'],
		['an ISO value that is 10000 in UTC', '9999-12-31T23:00:00-05:00', 'the date is after the year 9999'],
	])('refuses %s with the reason', (_case, value, problem) => {
		expect(toSmartfloDateTime(value, 'Asia/Kolkata')).toEqual({ ok: false, problem });
	});

	it('never throws: any number is a Smartflo date or a refusal that says why', () => {
		const anyNumber = fc.oneof(
			fc.double(),
			fc.integer(),
			fc.double({ min: 1e14, max: 1e20 }),
			fc.constantFrom(8.64e15, -8.64e15, 8.64e15 + 1, 1e100, -0, Number.MIN_VALUE),
		);
		fc.assert(
			fc.property(anyNumber, fc.constantFrom('Asia/Kolkata', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'), (value, zone) => {
				const result = toSmartfloDateTime(value, zone);
				if (result.ok) expect(result.value).toMatch(SMARTFLO_FORMAT);
				else expect(result.problem).not.toMatch(/Invalid time value|NaN/);
				expect(epochMsOf(value).ok).toBe(Number.isFinite(value) && value >= 0 && value <= Date.UTC(9999, 11, 31, 23, 59, 59, 999));
			}),
			{ numRuns: 3000 },
		);
	});

	it('the request builder names the parameter, not a bare "Invalid time value"', () => {
		const refusal = (values: Record<string, unknown>) => {
			try {
				buildRequest(SMARTFLO_ENDPOINTS.callRecord.getMany, values);
			} catch (error) {
				if (error instanceof EndpointInputError) return error;
				throw error;
			}
			throw new Error('buildRequest accepted the values');
		};
		const error = refusal({ from_date: 1e17 });
		expect(error.field).toBe('from_date');
		expect(error.message).toMatch(/^From: 100000000000000000 is too large for epoch milliseconds/);
		expect(error.hint).toMatch(/epoch seconds or milliseconds/);
		expect(refusal({ to_date: SEPT_21_UTC * 1000 }).message).toMatch(/^To: 1789965900000000 is too large/);
		expect(buildRequest(SMARTFLO_ENDPOINTS.callRecord.getMany, { from_date: SEPT_21_UTC / 1000 }).qs).toEqual({
			from_date: '2026-09-21 10:15:00',
		});
	});
});
