import { createHmac, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { RENEW_BEFORE_EXPIRY_MS } from './credential-fields';

/**
 * n8n runs preAuthentication without a lock: concurrent executions whose token expired would each log
 * in. Within one n8n process, renewals for the same identity share one upstream call, and one that
 * ended a moment ago is reused, unless its token is one being replaced (Smartflo refused it, or the
 * node found it about to expire) or it is about to expire.
 *
 * Identities and tokens are remembered only as HMACs with a per-process random key, so no email,
 * password or token is kept as a key; entries live while a renewal runs and for REUSE_WINDOW_MS after,
 * at most MAX_ENTRIES of each kind.
 */
const REUSE_WINDOW_MS = 10_000;
const MAX_ENTRIES = 1_000;
const PROCESS_KEY = randomBytes(32);

interface Entry {
	flight?: Promise<IDataObject>;
	result?: { fields: IDataObject; at: number };
}

const renewals = new Map<string, Entry>();
/** Tokens being replaced (refused, or about to expire), by digest, with when. */
const replaced = new Map<string, number>();

/**
 * The session fields for an identity: the renewal in flight for it, the one that just ended, or a new
 * one. `currentToken` is the token the caller holds, which is being replaced (n8n renews after a 401).
 */
export async function renewOncePerIdentity(
	identity: string,
	currentToken: string,
	renew: () => Promise<IDataObject>,
	now: () => number = Date.now,
): Promise<IDataObject> {
	noteReplacedToken(currentToken, now());
	const key = digest(identity);
	const entry = renewals.get(key) ?? {};
	if (entry.flight) return await entry.flight;
	if (entry.result && isReusable(entry.result, now())) return entry.result.fields;

	const flight = renew().then((fields) => {
		entry.result = { fields, at: now() };
		return fields;
	});
	entry.flight = flight;
	renewals.delete(key);
	renewals.set(key, entry);
	try {
		return await flight;
	} finally {
		entry.flight = undefined;
		if (!entry.result) renewals.delete(key);
		prune(now());
	}
}

/** This token is being replaced (Smartflo refused it, or it is about to expire): a renewal must not hand it out again. */
export function noteReplacedToken(token: string, at: number = Date.now()): void {
	if (!token) return;
	const key = digest(token);
	replaced.delete(key);
	replaced.set(key, at);
	prune(at);
}

/** How many identities and replaced tokens are remembered now (bounds the tests check). */
export function rememberedEntries(): { identities: number; replacedTokens: number } {
	return { identities: renewals.size, replacedTokens: replaced.size };
}

/** Forgets everything (a fresh process). */
export function forgetSharedRenewals(): void {
	renewals.clear();
	replaced.clear();
}

function isReusable(result: { fields: IDataObject; at: number }, at: number): boolean {
	if (at - result.at >= REUSE_WINDOW_MS) return false;
	const token = String(result.fields.accessToken ?? '');
	const replacedAt = replaced.get(digest(token));
	if (!token || (replacedAt !== undefined && replacedAt >= result.at)) return false;
	const expiresAt = Date.parse(String(result.fields.tokenExpiresAt ?? ''));
	// A token the node would renew before sending is not worth sharing.
	return Number.isNaN(expiresAt) || expiresAt - at > RENEW_BEFORE_EXPIRY_MS;
}

function prune(at: number): void {
	for (const [key, entry] of renewals) {
		const stale = !entry.flight && (!entry.result || at - entry.result.at >= REUSE_WINDOW_MS);
		if (stale || (renewals.size > MAX_ENTRIES && !entry.flight)) renewals.delete(key);
	}
	for (const [key, replacedAt] of replaced) {
		if (at - replacedAt >= REUSE_WINDOW_MS || replaced.size > MAX_ENTRIES) replaced.delete(key);
	}
}

function digest(text: string): string {
	return createHmac('sha256', PROCESS_KEY).update(text).digest('base64url');
}
