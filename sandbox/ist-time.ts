import { formatWallClock, parseWallClock, wallClockAsUtc } from '../src/time/zoned';

// Smartflo's wall-clock strings carry no timezone; for Indian accounts they are IST (UTC+05:30, no DST).
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD HH:MM:SS' in IST. */
export function formatIstDateTime(epochMs: number): string {
	return new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** ISO 8601 in IST with a `+0530` offset, as the DND list has it. */
export function formatIstIso(epochMs: number): string {
	return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19)}+0530`;
}

export function formatIstDate(epochMs: number): string {
	return formatIstDateTime(epochMs).slice(0, 10);
}

export function formatIstTime(epochMs: number): string {
	return formatIstDateTime(epochMs).slice(11);
}

/** Epoch ms of the IST midnight that starts the IST day containing `epochMs`. */
export function istMidnight(epochMs: number): number {
	return Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
}

/** Parses a strict PHP `Y-m-d H:i:s` IST wall-clock string; undefined when malformed or not a real date. */
export function parseIstDateTime(text: string): number | undefined {
	const fields = parseWallClock(text);
	// Strict: only the one spelling PHP's format gives back (a space, seconds present).
	if (!fields || formatWallClock(fields) !== text) return undefined;
	return wallClockAsUtc(fields) - IST_OFFSET_MS;
}

/** 'HH:MM:SS' for an elapsed number of seconds. */
export function formatElapsed(totalSeconds: number): string {
	const seconds = Math.max(0, Math.floor(totalSeconds));
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
