import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../../../src/api/answer';
import type { NormalisedEvent } from '../../../src/webhooks/normalise';
import { CALL_ID_FIELDS } from '../../../src/webhooks/triggers';

/** Keys remembered by this n8n process, across all Smartflo Trigger nodes; the oldest go first. */
const MAX_KEYS_IN_PROCESS = 20_000;
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

const processMemory = new RecentKeys(MAX_KEYS_IN_PROCESS);

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

export interface DuplicateCheck {
	/** Keeps triggers of different workflows and nodes apart, e.g. `<workflow id>:<node id>`. */
	scope: string;
	key: string;
	windowSeconds: number;
	nowMs: number;
	/** The node's workflow static data: remembered across restarts where n8n saves it. */
	staticData: IDataObject;
}

/**
 * True when the key was seen within the window, by this process or in the static data; otherwise both
 * remember it and the answer is false. The process memory is checked and updated synchronously, so two
 * copies arriving at the same time are told apart too.
 */
export function isRepeat({ scope, key, windowSeconds, nowMs, staticData }: DuplicateCheck): boolean {
	const scopedKey = `${scope}:${key}`;
	const stored = storedKeys(staticData, nowMs);
	if (processMemory.has(scopedKey, nowMs) || (stored[key] ?? 0) > nowMs) return true;
	const expiresAt = nowMs + windowSeconds * 1000;
	processMemory.remember(scopedKey, expiresAt, nowMs);
	stored[key] = expiresAt;
	staticData[STATIC_DATA_FIELD] = newestKeys(stored, MAX_KEYS_IN_STATIC_DATA);
	return false;
}

/** The unexpired keys kept in static data, whatever shape an older or edited copy has. */
function storedKeys(staticData: IDataObject, nowMs: number): Record<string, number> {
	const value = staticData[STATIC_DATA_FIELD];
	const keys: Record<string, number> = {};
	if (!isJsonObject(value)) return keys;
	for (const [key, expiresAt] of Object.entries(value)) {
		if (typeof expiresAt === 'number' && expiresAt > nowMs) keys[key] = expiresAt;
	}
	return keys;
}

function newestKeys(keys: Record<string, number>, capacity: number): Record<string, number> {
	const entries = Object.entries(keys);
	if (entries.length <= capacity) return keys;
	return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, capacity));
}

/** JSON with object keys sorted, so equal content gives equal text. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		isJsonObject(entry) ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : entry,
	);
}
