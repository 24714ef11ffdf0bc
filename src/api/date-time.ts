import { formatWallClock, isRealWallClock, isTimeZone, wallClockIn } from '../time/zoned';

/** Smartflo's date filter format: PHP `Y-m-d H:i:s`, a wall-clock time in the account's time zone. */
const SMARTFLO_FORMAT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

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
	const dateOnly = DATE_ONLY.exec(text);
	if (dateOnly && isRealDate(dateOnly[1], dateOnly[2], dateOnly[3], '00', '00', '00')) {
		return { ok: true, value: `${dateOnly[1]}-${dateOnly[2]}-${dateOnly[3]} 00:00:00` };
	}
	const wallClock = SMARTFLO_FORMAT.exec(text);
	if (wallClock) {
		const [, year, month, day, hour, minute, second = '00'] = wallClock;
		if (isRealDate(year, month, day, hour, minute, second)) return { ok: true, value: `${year}-${month}-${day} ${hour}:${minute}:${second}` };
	} else if (HAS_ZONE.test(text)) {
		const epochMs = Date.parse(text);
		if (Number.isFinite(epochMs)) return { ok: true, value: formatInZone(epochMs, zone) };
	}
	return { ok: false, problem: `"${text.slice(0, 40)}" is not a date and time` };
}

/** Epoch milliseconds of a value that is an instant rather than a wall-clock text. */
function instantOf(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	if (isLuxonLike(value)) return value.toMillis();
	return undefined;
}

function formatInZone(epochMs: number, timeZone: string): string {
	return formatWallClock(wallClockIn(epochMs, timeZone));
}

function isRealDate(...fields: string[]): boolean {
	const [year, month, day, hour, minute, second] = fields.map(Number);
	return isRealWallClock({ year, month, day, hour, minute, second });
}

function isLuxonLike(value: unknown): value is { toMillis(): number } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}
