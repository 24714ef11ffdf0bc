import { createHmac, randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { decodeToken } from '../auth/jwt';
import { isRenewalDue } from '../auth/renew-early';
import { SingleFlight } from '../auth/single-flight';

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
 * Identities and tokens are remembered only as HMACs with a random key per instance, so no email,
 * password or token is kept; an identity is remembered while a renewal runs and for REUSE_WINDOW_MS
 * after its last use, at most MAX_ENTRIES identities with at most MAX_REPLACED_PER_RENEWAL tokens each.
 */
const REUSE_WINDOW_MS = 10_000;
const MAX_ENTRIES = 1_000;
const MAX_REPLACED_PER_RENEWAL = 64;

interface Renewal {
	fields: IDataObject;
	at: number;
	/** `iat` of the token it obtained, in epoch ms, when the token states one. */
	issuedAt?: number;
	/** Digests of the tokens it replaced. */
	replaced: Set<string>;
}

interface Entry {
	/** Digests of the tokens the running (or next) renewal replaces. */
	replacing: Set<string>;
	result?: Renewal;
	usedAt: number;
}

export interface SharedRenewalsOptions {
	/** Clock in epoch ms (default Date.now). */
	now?: () => number;
}

/** The renewals of one n8n process, by identity (see above). The credential and the node share one instance. */
export class SharedRenewals {
	readonly #entries = new Map<string, Entry>();
	readonly #flights = new SingleFlight<IDataObject>();
	readonly #key = randomBytes(32);
	readonly #now: () => number;

	constructor(options: SharedRenewalsOptions = {}) {
		this.#now = options.now ?? Date.now;
	}

	/**
	 * The session fields for an identity: the renewal in flight for it, the one that just ended, or a
	 * new one. `currentToken` is the token the caller holds, which is being replaced (n8n renews after a 401).
	 */
	async renew(identity: string, currentToken: string, renew: () => Promise<IDataObject>): Promise<IDataObject> {
		const key = this.#digest(identity);
		const entry = this.#entryOf(key);
		this.#replaceToken(entry, currentToken);
		if (!this.#flights.has(key)) {
			if (entry.result && this.#isReusable(entry.result)) return entry.result.fields;
			entry.result = undefined;
		}
		try {
			return await this.#flights.run(key, () =>
				renew().then((fields) => {
					const issuedAt = decodeToken(String(fields.accessToken ?? ''))?.issuedAt;
					entry.result = { fields, at: this.#now(), issuedAt, replaced: entry.replacing };
					entry.replacing = new Set();
					return fields;
				}),
			);
		} finally {
			entry.usedAt = this.#now();
		}
	}

	/**
	 * This identity's `token` is being replaced (Smartflo refused it, or it is about to expire): the next
	 * renewal replaces it, and the last one is forgotten unless it replaced this token or obtained a newer one.
	 */
	noteReplaced(identity: string, token: string): void {
		this.#replaceToken(this.#entryOf(this.#digest(identity)), token);
	}

	/** How many identities are remembered. */
	get size(): number {
		return this.#entries.size;
	}

	/** Forgets every identity, as a new process would start. */
	clear(): void {
		this.#entries.clear();
	}

	/** The identity's entry, created if new, marked as the most recently used. */
	#entryOf(key: string): Entry {
		const at = this.#now();
		const entry = this.#entries.get(key) ?? { replacing: new Set<string>(), usedAt: at };
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		entry.usedAt = at;
		this.#prune(at);
		return entry;
	}

	#replaceToken(entry: Entry, token: string): void {
		if (!token) return;
		const { result } = entry;
		if (result && this.#outdates(result, token)) return;
		if (result) this.#addDigest(entry.replacing, String(result.fields.accessToken ?? ''));
		entry.result = undefined;
		this.#addDigest(entry.replacing, token);
	}

	#outdates(renewal: Renewal, token: string): boolean {
		if (renewal.replaced.has(this.#digest(token))) return true;
		const tokenIssuedAt = decodeToken(token)?.issuedAt;
		return tokenIssuedAt !== undefined && renewal.issuedAt !== undefined && tokenIssuedAt < renewal.issuedAt;
	}

	#isReusable(renewal: Renewal): boolean {
		const at = this.#now();
		if (at - renewal.at >= REUSE_WINDOW_MS || !renewal.fields.accessToken) return false;
		const expiresAt = Date.parse(String(renewal.fields.tokenExpiresAt ?? ''));
		if (Number.isNaN(expiresAt)) return true;
		// A token the node would renew before sending is not worth sharing.
		const lifetimeMs = renewal.issuedAt === undefined ? undefined : expiresAt - renewal.issuedAt;
		return !isRenewalDue({ expiresAt, lifetimeMs }, at);
	}

	#addDigest(digests: Set<string>, token: string): void {
		if (token && digests.size < MAX_REPLACED_PER_RENEWAL) digests.add(this.#digest(token));
	}

	#prune(at: number): void {
		for (const [key, entry] of this.#entries) {
			if (this.#flights.has(key)) continue;
			if (at - entry.usedAt >= REUSE_WINDOW_MS || this.#entries.size > MAX_ENTRIES) this.#entries.delete(key);
		}
	}

	#digest(text: string): string {
		return createHmac('sha256', this.#key).update(text).digest('base64url');
	}
}

/** This process's renewals: one instance, shared by the credential's preAuthentication and the node's requests. */
export const processRenewals = new SharedRenewals();
