import { hasZone, instantOf, parseWallClock, wallClockAsUtc } from '../../src/time/zoned';

describe('parseWallClock', () => {
	it.each([
		['2026-09-21 10:15:30', { year: 2026, month: 9, day: 21, hour: 10, minute: 15, second: 30 }],
		['2026-09-21T10:15:30', { year: 2026, month: 9, day: 21, hour: 10, minute: 15, second: 30 }],
		['2026-09-21 10:15', { year: 2026, month: 9, day: 21, hour: 10, minute: 15, second: 0 }],
		['2024-02-29 23:59:59', { year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 }],
	])('reads %p', (text, fields) => {
		expect(parseWallClock(text)).toEqual(fields);
	});

	it.each([
		'2026-02-30 10:00:00',
		'2025-02-29 10:00:00',
		'2026-09-21 24:00:00',
		'2026-09-21 10:60:00',
		'2026-9-21 10:15:00',
		'2026-09-21',
		'2026-09-21 10:15:00Z',
		'2026-09-21 10:15:00+05:30',
		' 2026-09-21 10:15:00',
		'2026-09-21 10:15:00.250',
		'yesterday',
	])('refuses %p', (text) => {
		expect(parseWallClock(text)).toBeUndefined();
	});

	it('drops a fraction of a second only when asked to', () => {
		expect(parseWallClock('2026-02-28T23:59:59.999', { dropFraction: true })).toEqual({
			year: 2026,
			month: 2,
			day: 28,
			hour: 23,
			minute: 59,
			second: 59,
		});
		expect(parseWallClock('2026-02-28 23:59.5', { dropFraction: true })).toBeUndefined();
	});
});

describe('hasZone', () => {
	it.each([
		'2026-09-21T04:45:00.000Z',
		'2026-09-21T04:45:00z',
		'2026-09-21 10:15:00+05:30',
		'2026-09-21T10:15+0530',
		'2026-09-21T00:15:00-04:00',
	])('%p names its zone', (text) => expect(hasZone(text)).toBe(true));

	it.each(['2026-09-21 10:15:00', '2026-09-21', '+05:30', 'Mon, 21 Sep 2026 10:15:00 +0530', '1790000000'])('%p does not', (text) => {
		expect(hasZone(text)).toBe(false);
	});
});

describe('instantOf', () => {
	const epochMs = Date.UTC(2026, 8, 21, 4, 45);

	it('reads a Date, epoch milliseconds and a Luxon-like DateTime', () => {
		expect(instantOf(new Date(epochMs))).toBe(epochMs);
		expect(instantOf(epochMs)).toBe(epochMs);
		expect(instantOf({ toMillis: () => epochMs })).toBe(epochMs);
	});

	it('leaves texts and other values to the caller', () => {
		for (const value of ['2026-09-21T04:45:00.000Z', String(epochMs), null, undefined, {}, [epochMs]])
			expect(instantOf(value)).toBeUndefined();
	});

	it('gives NaN for an invalid Date, so the caller can tell it from no instant', () => {
		expect(instantOf(new Date('nope'))).toBeNaN();
	});
});

describe('wallClockAsUtc', () => {
	it('reads the fields as UTC, months 1–12', () => {
		expect(wallClockAsUtc({ year: 2026, month: 9, day: 21, hour: 10, minute: 15, second: 30 })).toBe(Date.UTC(2026, 8, 21, 10, 15, 30));
	});
});
