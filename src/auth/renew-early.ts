/**
 * The one renew-early rule of the core: a token is replaced RENEW_EARLY_MS before it expires, or
 * halfway through its lifetime when that comes later. The margin absorbs clock skew between this host
 * and Smartflo and the time a request takes, so that a token is not refused while it is in use; the
 * half-lifetime cap keeps a short-lived token in use for half its life instead of renewing it on
 * every call. TokenSession applies it to the tokens it holds, the n8n credential to the token it
 * stores.
 */
export const RENEW_EARLY_MS = 300_000;

export interface TokenLifetime {
	/** Epoch ms. */
	expiresAt: number;
	/** How long the token was issued for, in ms, when known. */
	lifetimeMs?: number;
}

/** The moment from which `token` is due for renewal (epoch ms). `earlyMs` replaces RENEW_EARLY_MS. */
export function renewalDueAt({ expiresAt, lifetimeMs }: TokenLifetime, earlyMs: number = RENEW_EARLY_MS): number {
	const early = Math.max(0, earlyMs);
	return expiresAt - (lifetimeMs === undefined ? early : Math.min(early, Math.max(0, lifetimeMs) / 2));
}

/** Whether `token` is due for renewal at `now` (epoch ms). */
export function isRenewalDue(token: TokenLifetime, now: number, earlyMs?: number): boolean {
	return now >= renewalDueAt(token, earlyMs);
}
