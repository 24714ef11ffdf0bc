import { formatWallClock, hasZone, isRfc3339Instant, parseWallClock, wallClockAsUtc, wallClockIn, type WallClock } from '../time/zoned';

/**
 * Smartflo's webhook time stamps. By default they are wall-clock `Y-m-d H:i:s` strings without a zone, in
 * the account's time zone (IST for Indian accounts); the portal can also be set to ISO 8601 with an offset
 * or to epoch seconds (docs/smartflo-api.md#dates-and-time-zones). All three become an ISO 8601 string with the account
 * zone's offset, plus the same instant in UTC.
 */
export interface NormalisedStamp {
	/** e.g. `2026-09-21T10:15:00+05:30`; null when absent or not a time. */
	local: string | null;
	/** e.g. `2026-09-21T04:45:00.000Z`. */
	utc: string | null;
}

const EPOCH_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
const EPOCH_MILLISECONDS = /^\d{12,13}$/;
const MINUTE_MS = 60_000;

/**
 * `value` as a stamp in `timeZone` (an IANA name the caller has checked with src/time's `isTimeZone`).
 * A time an RFC 3339 date-time cannot write (before the year 0000 or after 9999, in UTC or in the zone:
 * epoch nanoseconds, 1e17) is no time.
 */
export function normaliseStamp(value: unknown, timeZone: string): NormalisedStamp {
	const epochMs = stampEpochMs(value, timeZone);
	if (epochMs === undefined || !isRfc3339Instant(epochMs)) return { local: null, utc: null };
	const local = formatWithOffset(epochMs, timeZone);
	return local === undefined ? { local: null, utc: null } : { local, utc: new Date(epochMs).toISOString() };
}

/** A stamp's instant: a number is epoch seconds, or milliseconds when it is that large. */
function stampEpochMs(value: unknown, timeZone: string): number | undefined {
	if (typeof value === 'number') return value >= 1e11 ? value : value * 1000;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const wall = parseWallClock(text);
	if (wall) return fromWallClock(wall, timeZone);
	if (hasZone(text)) return Date.parse(text.replace(' ', 'T'));
	if (EPOCH_MILLISECONDS.test(text)) return Number(text);
	if (EPOCH_SECONDS.test(text)) return Math.round(Number(text) * 1000);
	return undefined;
}

/** The instant a wall-clock time in `timeZone` names (the earlier one when a DST change repeats it). */
function fromWallClock(fields: WallClock, timeZone: string): number {
	const asUtc = wallClockAsUtc(fields);
	const first = asUtc - offsetMinutes(asUtc, timeZone) * MINUTE_MS;
	const second = asUtc - offsetMinutes(first, timeZone) * MINUTE_MS;
	return Math.min(first, second);
}

/** How far `timeZone` is ahead of UTC at `epochMs`, in minutes. */
function offsetMinutes(epochMs: number, timeZone: string): number {
	return offsetOf(wallClockIn(epochMs, timeZone), epochMs);
}

/** The offset, in minutes, of the zone whose wall clock reads `wall` at `epochMs` (the wall clock has whole seconds). */
function offsetOf(wall: WallClock, epochMs: number): number {
	return Math.round((wallClockAsUtc(wall) - Math.floor(epochMs / 1000) * 1000) / MINUTE_MS);
}

function formatWithOffset(epochMs: number, timeZone: string): string | undefined {
	const wall = wallClockIn(epochMs, timeZone);
	if (wall.year < 0 || wall.year > 9999) return undefined;
	const offset = offsetOf(wall, epochMs);
	const local = formatWallClock(wall, 'T');
	const sign = offset < 0 ? '-' : '+';
	const magnitude = Math.abs(offset);
	const pad = (number: number) => String(number).padStart(2, '0');
	return `${local}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}
