import { formatWallClock, hasZone, instantOf, isTimeZone, parseWallClock, wallClockIn } from '../time/zoned';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Epoch numbers from here on are milliseconds, below it seconds. 1e11 seconds is the year 5138 and
 * 1e11 milliseconds March 1973, so every date from 1973 to 5138 reads the same either way.
 */
export const EPOCH_MILLISECONDS_FROM = 1e11;
/** The last instant with a four-digit year, as Smartflo's `Y-m-d H:i:s` writes years. */
const LATEST_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const LAST_YEAR = 9999;

export type DateTimeResult = { ok: true; value: string } | { ok: false; problem: string };
export type EpochResult = { ok: true; epochMs: number } | { ok: false; problem: string };

/**
 * An epoch number as milliseconds: seconds below {@link EPOCH_MILLISECONDS_FROM}, milliseconds from
 * there up to the end of the year 9999. Larger numbers (epoch microseconds or nanoseconds), negative
 * ones and non-finite ones are refused with the reason.
 */
export function epochMsOf(value: number): EpochResult {
	if (!Number.isFinite(value)) return { ok: false, problem: 'is not a number of seconds or milliseconds' };
	if (value < 0) return { ok: false, problem: `${value} is before 1970: give epoch seconds or milliseconds since 1970` };
	if (value < EPOCH_MILLISECONDS_FROM) return { ok: true, epochMs: value * 1000 };
	if (value <= LATEST_EPOCH_MS) return { ok: true, epochMs: value };
	return {
		ok: false,
		problem: `${value} is too large for epoch milliseconds (after the year 9999): give epoch seconds or milliseconds, not microseconds or nanoseconds`,
	};
}

/**
 * A date as Smartflo's `from_date` / `to_date` want it, in `timeZone`. A value without a time zone
 * (what n8n's date picker gives, or `2026-09-21 10:00:00`) is already a wall-clock time there and is
 * only reformatted; an instant (ISO 8601 with `Z` or an offset, epoch seconds or milliseconds, a Date
 * or Luxon DateTime from an expression) is converted to that zone; it must be from 1970 to the year 9999.
 */
export function toSmartfloDateTime(value: unknown, timeZone: string): DateTimeResult {
	const zone = timeZone.trim();
	if (!isTimeZone(zone)) return { ok: false, problem: `"${zone.slice(0, 60)}" is not a time zone` };
	if (typeof value === 'number') {
		const epoch = epochMsOf(value);
		return epoch.ok ? inZone(epoch.epochMs, zone) : epoch;
	}
	const instant = instantOf(value);
	if (instant !== undefined) return inZone(instant, zone);
	const text = typeof value === 'string' ? value.trim() : '';
	// Smartflo's format is PHP `Y-m-d H:i:s`, a wall-clock time in the account's time zone.
	const wallClock = parseWallClock(DATE_ONLY.test(text) ? `${text} 00:00:00` : text, { dropFraction: true });
	if (wallClock) return { ok: true, value: formatWallClock(wallClock) };
	if (hasZone(text)) {
		const epochMs = Date.parse(text);
		if (Number.isFinite(epochMs)) return inZone(epochMs, zone);
	}
	return { ok: false, problem: `"${text.slice(0, 40)}" is not a date and time` };
}

/** The instant as a wall-clock time in the zone, when it is from 1970 on and its year there has four digits. */
function inZone(epochMs: number, timeZone: string): DateTimeResult {
	if (!Number.isFinite(epochMs)) return { ok: false, problem: 'the date is not valid' };
	if (epochMs < 0) return { ok: false, problem: 'the date is before 1970' };
	const wallClock = epochMs <= LATEST_EPOCH_MS ? wallClockIn(epochMs, timeZone) : undefined;
	if (!wallClock || wallClock.year > LAST_YEAR) return { ok: false, problem: `the date is after the year ${LAST_YEAR}` };
	return { ok: true, value: formatWallClock(wallClock) };
}
