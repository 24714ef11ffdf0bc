import { createHmac, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { decodeToken } from '../auth/jwt';
import { RENEW_BEFORE_EXPIRY_MS } from './credential-fields';

/**
 * n8n runs preAuthentication without a lock: concurrent executions whose token expired would each log
 * in. Within one n8n process, renewals for the same identity share one upstream call, and one that
 * ended a moment ago is reused for the tokens it replaced and for tokens issued before its own.
 *
 * Once a token that the last renewal neither replaced nor outdates is refused (or found about to
 * expire), that renewal is not reused: whatever ended the other token (Smartflo expiring every
 * session, a password change) may have ended this one too. In queue mode the token an execution holds
 * can be one that another worker stored, newer than this process's last renewal.
 *
 * Identities and tokens are remembered only as HMACs with a per-process random key, so no email,
 * password or token is kept; an identity is remembered while a renewal runs and for REUSE_WINDOW_MS
 * after its last use, at most MAX_ENTRIES identities with at most MAX_REPLACED_PER_RENEWAL tokens each.
 */
const REUSE_WINDOW_MS = 10_000;
const MAX_ENTRIES = 1_000;
const MAX_REPLACED_PER_RENEWAL = 64;
const PROCESS_KEY = randomBytes(32);

interface Renewal {
	fields: IDataObject;
	at: number;
	/** `iat` of the token it obtained, in epoch ms, when the token states one. */
	issuedAt?: number;
	/** Digests of the tokens it replaced. */
	replaced: Set<string>;
}

interface Entry {
	flight?: Promise<IDataObject>;
	/** Digests of the tokens the running (or next) renewal replaces. */
	replacing: Set<string>;
	result?: Renewal;
	usedAt: number;
}

const entries = new Map<string, Entry>();

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
	const entry = entryOf(identity, now());
	replaceToken(entry, currentToken);
	if (entry.flight) return await entry.flight;
	if (entry.result && isReusable(entry.result, now())) return entry.result.fields;

	entry.result = undefined;
	const flight = renew().then((fields) => {
		const issuedAt = decodeToken(String(fields.accessToken ?? ''))?.issuedAt;
		entry.result = { fields, at: now(), issuedAt, replaced: entry.replacing };
		entry.replacing = new Set();
		return fields;
	});
	entry.flight = flight;
	try {
		return await flight;
	} finally {
		entry.flight = undefined;
		entry.usedAt = now();
	}
}

/**
 * This identity's `token` is being replaced (Smartflo refused it, or it is about to expire): the next
 * renewal replaces it, and the last one is forgotten unless it replaced this token or obtained a newer one.
 */
export function noteReplacedToken(identity: string, token: string, at: number = Date.now()): void {
	replaceToken(entryOf(identity, at), token);
}

/** How many identities are remembered now (the bound the tests check). */
export function rememberedEntries(): { identities: number } {
	return { identities: entries.size };
}

/** Forgets everything (a fresh process). */
export function forgetSharedRenewals(): void {
	entries.clear();
}

/** The identity's entry, created if new, marked as the most recently used. */
function entryOf(identity: string, at: number): Entry {
	const key = digest(identity);
	const entry = entries.get(key) ?? { replacing: new Set<string>(), usedAt: at };
	entries.delete(key);
	entries.set(key, entry);
	entry.usedAt = at;
	prune(at);
	return entry;
}

function replaceToken(entry: Entry, token: string): void {
	if (!token) return;
	const { result } = entry;
	if (result && outdates(result, token)) return;
	if (result) addDigest(entry.replacing, String(result.fields.accessToken ?? ''));
	entry.result = undefined;
	addDigest(entry.replacing, token);
}

function outdates(renewal: Renewal, token: string): boolean {
	if (renewal.replaced.has(digest(token))) return true;
	const tokenIssuedAt = decodeToken(token)?.issuedAt;
	return tokenIssuedAt !== undefined && renewal.issuedAt !== undefined && tokenIssuedAt < renewal.issuedAt;
}

function isReusable(renewal: Renewal, at: number): boolean {
	if (at - renewal.at >= REUSE_WINDOW_MS || !renewal.fields.accessToken) return false;
	const expiresAt = Date.parse(String(renewal.fields.tokenExpiresAt ?? ''));
	// A token the node would renew before sending is not worth sharing.
	return Number.isNaN(expiresAt) || expiresAt - at > RENEW_BEFORE_EXPIRY_MS;
}

function addDigest(digests: Set<string>, token: string): void {
	if (token && digests.size < MAX_REPLACED_PER_RENEWAL) digests.add(digest(token));
}

function prune(at: number): void {
	for (const [key, entry] of entries) {
		if (entry.flight) continue;
		if (at - entry.usedAt >= REUSE_WINDOW_MS || entries.size > MAX_ENTRIES) entries.delete(key);
	}
}

function digest(text: string): string {
	return createHmac('sha256', PROCESS_KEY).update(text).digest('base64url');
}
