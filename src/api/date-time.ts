import { formatWallClock, hasZone, instantOf, isTimeZone, parseWallClock, wallClockIn } from '../time/zoned';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export type DateTimeResult = { ok: true; value: string } | { ok: false; problem: string };

/**
 * A date as Smartflo's `from_date` / `to_date` want it, in `timeZone`. A value without a time zone
 * (what n8n's date picker gives, or `2026-09-21 10:00:00`) is already a wall-clock time there and is
 * only reformatted; an instant (ISO 8601 with `Z` or an offset, epoch milliseconds, a Date or Luxon
 * DateTime from an expression) is converted to that zone.
 */
export function toSmartfloDateTime(value: unknown, timeZone: string): DateTimeResult {
	const zone = timeZone.trim();
	if (!isTimeZone(zone)) return { ok: false, problem: `"${zone.slice(0, 60)}" is not a time zone` };
	const instant = instantOf(value);
	if (instant !== undefined) {
		return Number.isFinite(instant) ? { ok: true, value: formatInZone(instant, zone) } : { ok: false, problem: 'the date is not valid' };
	}
	const text = typeof value === 'string' ? value.trim() : '';
	// Smartflo's format is PHP `Y-m-d H:i:s`, a wall-clock time in the account's time zone.
	const wallClock = parseWallClock(DATE_ONLY.test(text) ? `${text} 00:00:00` : text, { dropFraction: true });
	if (wallClock) return { ok: true, value: formatWallClock(wallClock) };
	if (hasZone(text)) {
		const epochMs = Date.parse(text);
		if (Number.isFinite(epochMs)) return { ok: true, value: formatInZone(epochMs, zone) };
	}
	return { ok: false, problem: `"${text.slice(0, 40)}" is not a date and time` };
}

function formatInZone(epochMs: number, timeZone: string): string {
	return formatWallClock(wallClockIn(epochMs, timeZone));
}
