/** Calendar fields of a wall-clock time, months 1–12. */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The first and last instants an RFC 3339 date-time can write: years 0000 to 9999 in UTC. */
const EARLIEST_RFC3339_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LATEST_RFC3339_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** Whether `epochMs` is an instant an RFC 3339 date-time can write (years 0000 to 9999); NaN and infinities are not. */
export function isRfc3339Instant(epochMs: number): boolean {
	return epochMs >= EARLIEST_RFC3339_MS && epochMs <= LATEST_RFC3339_MS;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
	if (zone.trim() === '') return false;
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

/** The wall-clock time in `timeZone` at `epochMs`. */
export function wallClockIn(epochMs: number, timeZone: string): WallClock {
	const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
	const text = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value;
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(text(type) ?? 0);
	// The Gregorian calendar counts years before 1 as 1 BC, 2 BC…; ISO 8601 calls 1 BC the year 0.
	const year = text('era') === 'BC' ? 1 - part('year') : part('year');
	return { year, month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** Building a formatter costs far more than using one; a handful of zones is the norm, so a small cache that is emptied when full is enough. */
const MAX_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The (immutable) formatter of wall-clock fields in `timeZone`; throws a RangeError for an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (formatter) return formatter;
	formatter = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
		era: 'short',
		hourCycle: 'h23',
	});
	if (formatters.size >= MAX_FORMATTERS) formatters.clear();
	formatters.set(timeZone, formatter);
	return formatter;
}

/** The epoch ms the fields name when read as UTC. */
export function wallClockAsUtc({ year, month, day, hour, minute, second }: WallClock): number {
	// Not Date.UTC(year, …): it reads the years 0 to 99 as 1900 to 1999.
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, 0);
	return date.getTime();
}

/** Whether the fields name a real time (no 30 February, no 24:00). */
function isRealWallClock(fields: WallClock): boolean {
	const { year, month, day, hour, minute, second } = fields;
	const date = new Date(wallClockAsUtc(fields));
	return (
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second
	);
}

/** `YYYY-MM-DD HH:MM:SS`. */
export function formatWallClock({ year, month, day, hour, minute, second }: WallClock, separator = ' '): string {
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export interface ParseWallClockOptions {
	/** Accept a fraction after the seconds (`10:15:00.250`) and drop it; refused by default. */
	dropFraction?: boolean;
}

/**
 * `YYYY-MM-DD HH:MM[:SS]` (a `T` may stand for the space) without a zone, as its fields; undefined when
 * the text has another shape or names no real time (30 February, 24:00). Missing seconds are 0.
 */
export function parseWallClock(text: string, options: ParseWallClockOptions = {}): WallClock | undefined {
	const match = WALL_CLOCK.exec(text);
	if (!match || (match[7] !== undefined && !options.dropFraction)) return undefined;
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
	const fields: WallClock = { year, month, day, hour, minute, second: Number(match[6] ?? 0) };
	return isRealWallClock(fields) ? fields : undefined;
}

/** Whether `text` is an ISO 8601 date and time with a zone: `Z`, `+05:30` or `+0530` (seconds and a fraction optional). */
export function hasZone(text: string): boolean {
	return WITH_ZONE.test(text);
}

/** Epoch ms of a value that is an instant rather than a text: a Date, epoch milliseconds, or a Luxon-like DateTime (`toMillis()`). */
export function instantOf(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	if (isLuxonLike(value)) return value.toMillis();
	return undefined;
}

function isLuxonLike(value: unknown): value is { toMillis(): number } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}
