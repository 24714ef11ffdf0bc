import type { IDataObject } from 'n8n-workflow';

import { formatWallClock, parseWallClock, wallClockAsUtc, wallClockIn } from '../../../src/time/zoned';

/**
 * A call record's start as Smartflo stores and filters it: `YYYY-MM-DD HH:MM:SS` on the account's wall
 * clock. Such texts sort in time order, which is how `from_date` / `to_date` compare them.
 */
export type WallClockText = string;

/** Records that started from `from` to `to`, both included. */
export interface StartWindow {
	from: WallClockText;
	to: WallClockText;
}

/** The part of a window a poll did not read. */
export interface Backlog extends StartWindow {
	/** More calls started in the second `to` than one poll reads: the next poll reads that second alone, whole. */
	crowded?: boolean;
}

/**
 * What the trigger keeps in its static data between polls. Every record that a later poll can read
 * again is in `seen`, so no record is emitted twice; everything a poll has not read yet lies in the
 * window of a later poll, so no record is skipped.
 */
export interface PollState {
	/** When the last poll that looked for new records started (epoch ms): the next one reads from a late-records window before it. */
	polledAtMs: number;
	/** Records emitted (and, on the first poll, found), by key, with their start: only those a later poll can read again. */
	seen: Record<string, WallClockText>;
	/** Older records that a poll which hit Max Records per Poll did not read: the next polls read them first. */
	backlog?: Backlog;
	/** Records that started at or before this are older than the trigger: set when the first poll found more than it reads. */
	ignoreUpTo?: WallClockText;
}

/** What one poll reads: the records found at activation, new records, the rest of a backlog, or one crowded second of it. */
export interface PollStep {
	kind: 'first' | 'new' | 'backlog' | 'crowdedSecond';
	window: StartWindow;
}

export interface PollSettings {
	/** How far before the previous poll each poll starts reading again. */
	lateWindowMs: number;
	/** The account's wall clock at an instant. */
	wallClock(epochMs: number): WallClockText;
	/** Whether a record is one the trigger emits (the event's own check). */
	accepts(record: IDataObject): boolean;
}

/** The records one poll read, newest first as Smartflo lists them, and whether that was all of its window. */
export interface PollRead {
	records: IDataObject[];
	complete: boolean;
}

/** Bounds the static data: twice the most one poll reads. */
export const MAX_SEEN_RECORDS = 10_000;
/** What a poll reads of one crowded second: a second with more calls than that loses the rest. */
export const CROWDED_SECOND_LIMIT = 5000;

const WALL_CLOCK_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function planPoll(state: PollState | undefined, nowMs: number, settings: PollSettings): PollStep {
	const to = settings.wallClock(nowMs);
	if (state === undefined) return { kind: 'first', window: { from: settings.wallClock(nowMs - settings.lateWindowMs), to } };
	const { backlog } = state;
	if (backlog?.crowded) return { kind: 'crowdedSecond', window: { from: backlog.to, to: backlog.to } };
	if (backlog) return { kind: 'backlog', window: { from: backlog.from, to: backlog.to } };
	const from = settings.wallClock(state.polledAtMs - settings.lateWindowMs);
	// A clock set back by more than the window: Smartflo refuses a to_date before from_date.
	return { kind: 'new', window: { from: from <= to ? from : to, to } };
}

/**
 * The state after a poll read its window, and the records it emits, oldest first. The first poll emits
 * nothing: it remembers what is there. A poll that did not read its whole window (Max Records per Poll:
 * it has the newest records) leaves the older part as a backlog, down to the oldest start it read, which
 * the next polls read first.
 */
export function advancePoll(
	step: PollStep,
	previous: PollState | undefined,
	read: PollRead,
	nowMs: number,
	settings: PollSettings,
): { state: PollState; emitted: IDataObject[] } {
	const { window } = step;
	const found = distinctOldestFirst(read.records, window.to);
	const seen: Record<string, WallClockText> = { ...previous?.seen };
	let ignoreUpTo = previous?.ignoreUpTo;
	const emitted: IDataObject[] = [];
	for (const { key, start, startKnown, record } of found) {
		if (!settings.accepts(record) || Object.hasOwn(seen, key)) continue;
		seen[key] = start;
		if (step.kind === 'first' || (ignoreUpTo !== undefined && startKnown && start <= ignoreUpTo)) continue;
		emitted.push(record);
	}

	const oldest = found.find((entry) => entry.startKnown)?.start ?? window.to;
	let backlog: Backlog | undefined;
	if (step.kind === 'first') {
		if (!read.complete) ignoreUpTo = oldest;
	} else if (step.kind === 'crowdedSecond') {
		// That second is done (whole, unless it held more than CROWDED_SECOND_LIMIT calls); on to the older rest.
		const from = previous?.backlog?.from ?? window.from;
		const to = previousSecond(window.to);
		if (to >= from) backlog = { from, to };
	} else if (!read.complete) {
		// What started after the oldest second read is all read. If that second is the window's last, it alone
		// holds more than one poll reads: the next poll reads it whole.
		backlog = oldest < window.to ? { from: window.from, to: oldest } : { from: window.from, to: window.to, crowded: true };
	}

	const readsNew = step.kind === 'first' || step.kind === 'new';
	const polledAtMs = !readsNew && previous ? previous.polledAtMs : nowMs;
	const nextFrom = settings.wallClock(polledAtMs - settings.lateWindowMs);
	if (ignoreUpTo !== undefined && ignoreUpTo < nextFrom && (backlog === undefined || ignoreUpTo < backlog.from)) ignoreUpTo = undefined;
	const state: PollState = { polledAtMs, seen: stillReadable(seen, nextFrom, backlog) };
	if (backlog) state.backlog = backlog;
	if (ignoreUpTo !== undefined) state.ignoreUpTo = ignoreUpTo;
	return { state, emitted };
}

interface FoundRecord {
	key: string;
	/** Its start, or the window's end when the record has none (kept as seen for one late-records window). */
	start: WallClockText;
	startKnown: boolean;
	record: IDataObject;
}

/** The records once each (a page can repeat one when a record lands while the pages are read), oldest first. */
function distinctOldestFirst(records: IDataObject[], windowEnd: WallClockText): FoundRecord[] {
	const byKey = new Map<string, FoundRecord>();
	for (const record of records) {
		const key = recordKey(record);
		if (byKey.has(key)) continue;
		const start = recordStart(record);
		byKey.set(key, { key, start: start ?? windowEnd, startKnown: start !== undefined, record });
	}
	// Smartflo lists newest first; reversed, a stable sort keeps the order of records that started in the same second.
	return [...byKey.values()].reverse().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The entries a later poll can read again: those at or after the next new-records window's start, and
 * those at the backlog's end (its next read includes that second). The newest MAX_SEEN_RECORDS at most.
 */
function stillReadable(
	seen: Record<string, WallClockText>,
	nextFrom: WallClockText,
	backlog: StartWindow | undefined,
): Record<string, WallClockText> {
	const kept = Object.entries(seen).filter(([, start]) => start >= nextFrom || start === backlog?.to);
	if (kept.length > MAX_SEEN_RECORDS) kept.sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0)).splice(MAX_SEEN_RECORDS);
	return Object.fromEntries(kept);
}

/** Smartflo's id of a call record (a Mongo ObjectId); records without one by their call and start. */
export function recordKey(record: IDataObject): string {
	if (typeof record.id === 'string' && record.id !== '') return record.id;
	return JSON.stringify([record.call_id ?? null, record.uuid ?? null, record.date ?? null, record.time ?? null]);
}

/** When the call started, from the record's `date` and `time`; undefined when they are not Smartflo's format. */
export function recordStart(record: IDataObject): WallClockText | undefined {
	const start = `${String(record.date ?? '')} ${String(record.time ?? '')}`;
	return WALL_CLOCK_TEXT.test(start) && parseWallClock(start) ? start : undefined;
}

function previousSecond(text: WallClockText): WallClockText {
	const fields = parseWallClock(text);
	if (!fields) return text;
	return formatWallClock(wallClockIn(wallClockAsUtc(fields) - 1000, 'UTC'));
}

/** The state kept in the node's static data, or undefined when there is none (or it is not this trigger's). */
export function readPollState(staticData: IDataObject): PollState | undefined {
	const { polledAtMs, seen, backlog, ignoreUpTo } = staticData;
	if (typeof polledAtMs !== 'number' || !Number.isFinite(polledAtMs)) return undefined;
	if (typeof seen !== 'object' || seen === null || Array.isArray(seen)) return undefined;
	const state: PollState = {
		polledAtMs,
		seen: Object.fromEntries(Object.entries(seen).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
	};
	if (isWindow(backlog)) state.backlog = { from: backlog.from, to: backlog.to, ...(backlog.crowded === true ? { crowded: true } : {}) };
	if (typeof ignoreUpTo === 'string') state.ignoreUpTo = ignoreUpTo;
	return state;
}

/** Writes the state into the node's static data, field by field, so that n8n sees the change and saves it. */
export function writePollState(staticData: IDataObject, state: PollState): void {
	staticData.polledAtMs = state.polledAtMs;
	staticData.seen = state.seen;
	if (state.backlog) staticData.backlog = { ...state.backlog };
	else delete staticData.backlog;
	if (state.ignoreUpTo !== undefined) staticData.ignoreUpTo = state.ignoreUpTo;
	else delete staticData.ignoreUpTo;
}

function isWindow(value: unknown): value is Backlog {
	if (typeof value !== 'object' || value === null) return false;
	const { from, to } = value as Record<string, unknown>;
	return typeof from === 'string' && typeof to === 'string';
}
