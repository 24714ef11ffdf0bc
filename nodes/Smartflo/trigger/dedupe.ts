import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../../../src/api/answer';
import type { NormalisedEvent } from '../../../src/webhooks/normalise';
import { CALL_ID_FIELDS } from '../../../src/webhooks/triggers';

/** Keys this n8n process remembers for one Smartflo Trigger node; its oldest go first. */
export const MAX_KEYS_PER_TRIGGER = 2_000;
/** Trigger nodes this n8n process remembers keys for; the one that received a delivery least recently goes first. */
export const MAX_TRIGGERS_IN_PROCESS = 100;
/** Keys kept in one node's workflow static data (saved with the workflow after each delivery). */
export const MAX_KEYS_IN_STATIC_DATA = 500;
const STATIC_DATA_FIELD = 'recentEvents';

/** Keys with an expiry, in insertion order, at most `capacity` of them. */
export class RecentKeys {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly capacity: number) {}

	get size(): number {
		return this.expiries.size;
	}

	/** Whether `key` is remembered and not yet expired at `nowMs`. */
	has(key: string, nowMs: number): boolean {
		const expiresAt = this.expiries.get(key);
		return expiresAt !== undefined && expiresAt > nowMs;
	}

	remember(key: string, expiresAtMs: number, nowMs: number): void {
		this.expiries.delete(key);
		this.expiries.set(key, expiresAtMs);
		for (const [oldest, expiresAt] of this.expiries) {
			if (this.expiries.size <= this.capacity && expiresAt > nowMs) break;
			this.expiries.delete(oldest);
		}
	}
}

/** Each trigger's own share of the process memory: a flood into one trigger evicts only that trigger's keys. */
const processShares = new Map<string, RecentKeys>();

function processShareOf(scope: string): RecentKeys {
	let share = processShares.get(scope);
	if (share) processShares.delete(scope);
	else share = new RecentKeys(MAX_KEYS_PER_TRIGGER);
	processShares.set(scope, share);
	for (const oldest of processShares.keys()) {
		if (processShares.size <= MAX_TRIGGERS_IN_PROCESS) break;
		processShares.delete(oldest);
	}
	return share;
}

/**
 * What makes two deliveries "the same event for the same call": the event and the call's ids, and for
 * triggers that can fire more than once per call (each DTMF digit, each agent dialed) also the content.
 * Undefined when the delivery carries no call id: then nothing can be recognised as a repeat.
 */
export function duplicateKey(normalised: NormalisedEvent, raw: Record<string, unknown>): string | undefined {
	const ids = CALL_ID_FIELDS.map((field) => normalised.fields[field] ?? null);
	if (ids.every((id) => id === null)) return undefined;
	const content = normalised.trigger?.oncePerCall ? null : canonicalJson(raw);
	return createHash('sha256')
		.update(JSON.stringify([normalised.event, ...ids, content]))
		.digest('base64url')
		.slice(0, 22);
}

export interface DuplicateScope {
	/** Keeps triggers of different workflows and nodes apart, e.g. `<workflow id>:<node id>`. */
	scope: string;
	windowSeconds: number;
	nowMs: number;
	/** The node's workflow static data: remembered across restarts where n8n saves it. */
	staticData: IDataObject;
}

export interface DuplicateMemory {
	/**
	 * Whether the key was seen within the window, by this process, in the static data or earlier in this
	 * delivery. A key that was not is kept for `commit`. Undefined (no call id) is never a repeat.
	 */
	isRepeat(key: string | undefined): boolean;
	/** Remembers the delivery's new keys, in the process and in the static data. Call once the delivery is accepted. */
	commit(): void;
}

/**
 * One delivery's view of a trigger's memory of recent events. Checking and committing happen in the same
 * turn of the event loop, so two copies arriving at the same time are told apart too.
 */
export function duplicateMemory({ scope, windowSeconds, nowMs, staticData }: DuplicateScope): DuplicateMemory {
	const share = processShareOf(scope);
	const stored = storedKeys(staticData, nowMs);
	const fresh = new Set<string>();
	return {
		isRepeat(key) {
			if (key === undefined) return false;
			if (fresh.has(key) || share.has(key, nowMs) || (stored.get(key) ?? 0) > nowMs) return true;
			fresh.add(key);
			return false;
		},
		commit() {
			if (fresh.size === 0) return;
			const expiresAt = nowMs + windowSeconds * 1000;
			for (const key of fresh) {
				share.remember(key, expiresAt, nowMs);
				stored.set(key, expiresAt);
			}
			staticData[STATIC_DATA_FIELD] = newestKeys(stored, MAX_KEYS_IN_STATIC_DATA);
		},
	};
}

/** The unexpired keys kept in static data, whatever shape an older or edited copy has. */
function storedKeys(staticData: IDataObject, nowMs: number): Map<string, number> {
	const value = staticData[STATIC_DATA_FIELD];
	const keys = new Map<string, number>();
	if (!isJsonObject(value)) return keys;
	for (const [key, expiresAt] of Object.entries(value)) {
		if (typeof expiresAt === 'number' && expiresAt > nowMs) keys.set(key, expiresAt);
	}
	return keys;
}

/** The `capacity` keys that expire last, as the object static data holds. */
function newestKeys(keys: Map<string, number>, capacity: number): Record<string, number> {
	const entries = [...keys];
	const kept = entries.length <= capacity ? entries : entries.sort((a, b) => b[1] - a[1]).slice(0, capacity);
	return Object.fromEntries(kept);
}

/** JSON with object keys sorted, so equal content gives equal text. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		isJsonObject(entry) ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : entry,
	);
}
