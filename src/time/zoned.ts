/** Calendar fields of a wall-clock time, months 1–12. */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
	if (zone.trim() === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** The wall-clock time in `timeZone` at `epochMs`. */
export function wallClockIn(epochMs: number, timeZone: string): WallClock {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
		hourCycle: 'h23',
	}).formatToParts(new Date(epochMs));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
	return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** Whether the fields name a real time (no 30 February, no 24:00). */
export function isRealWallClock({ year, month, day, hour, minute, second }: WallClock): boolean {
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
		date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second
	);
}

/** `YYYY-MM-DD HH:MM:SS`. */
export function formatWallClock({ year, month, day, hour, minute, second }: WallClock, separator = ' '): string {
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}`;
}
