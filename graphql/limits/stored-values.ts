import { isJsonObject, type JsonObject } from '../../src/api/answer';
import { SMARTFLO_ERROR_CODES, SmartfloError, type SmartfloErrorCode, type SmartfloErrorReason, type TokenSet } from '../../src/auth';
import type { SealedBox } from './sealed-box';

/**
 * How an answer is written to the state store and read back. A SmartfloError's fields are written by
 * the core and hold no secret; a TokenSet does and is only ever stored sealed (see SealedBox). What
 * cannot be read back (another version, an altered value) reads as absent, so the call is made again.
 */
export function encodeError(error: SmartfloError): string {
	return JSON.stringify(error.toJSON());
}

/** Every SmartfloErrorReason, checked against the type: a reason added there fails the build until added here. */
const ERROR_REASONS: { readonly [Reason in SmartfloErrorReason]: true } = {
	ACCOUNT_LOCKED: true,
	PASSWORD_EXPIRED: true,
	WRONG_CREDENTIALS: true,
};

function isErrorReason(value: unknown): value is SmartfloErrorReason {
	return typeof value === 'string' && Object.hasOwn(ERROR_REASONS, value);
}

export function decodeError(text: string): SmartfloError | undefined {
	const value = parse(text);
	if (!value || !(SMARTFLO_ERROR_CODES as readonly unknown[]).includes(value.code) || typeof value.message !== 'string') return undefined;
	return new SmartfloError(value.code as SmartfloErrorCode, value.message, {
		status: numberOrUndefined(value.status),
		retryAfterSeconds: numberOrUndefined(value.retryAfterSeconds),
		loginFailedCount: numberOrUndefined(value.loginFailedCount),
		reason: isErrorReason(value.reason) ? value.reason : undefined,
		systemCode: typeof value.systemCode === 'string' ? value.systemCode : undefined,
	});
}

export function encodeTokens(tokens: TokenSet): string {
	const { accessToken, tokenType, expiresIn, expiresAt, passwordExpiresInDays } = tokens;
	return JSON.stringify({ accessToken, tokenType, expiresIn, expiresAt, passwordExpiresInDays });
}

export function decodeTokens(text: string): TokenSet | undefined {
	const value = parse(text);
	if (!value || typeof value.accessToken !== 'string' || typeof value.tokenType !== 'string') return undefined;
	if (typeof value.expiresIn !== 'number' || typeof value.expiresAt !== 'number') return undefined;
	const tokens: TokenSet = {
		accessToken: value.accessToken,
		tokenType: value.tokenType,
		expiresIn: value.expiresIn,
		expiresAt: value.expiresAt,
	};
	if (typeof value.passwordExpiresInDays === 'number') tokens.passwordExpiresInDays = value.passwordExpiresInDays;
	return tokens;
}

/** `tokens` sealed for `context`: the way a TokenSet is written to the store. */
export function sealTokens(box: SealedBox, tokens: TokenSet, context: readonly string[]): string {
	return box.seal(encodeTokens(tokens), context);
}

/** The TokenSet sealed by sealTokens for the same `context`, or undefined when it cannot be opened or read. */
export function openTokens(box: SealedBox, sealed: string, context: readonly string[]): TokenSet | undefined {
	const opened = box.open(sealed, context);
	return opened === undefined ? undefined : decodeTokens(opened);
}

function parse(text: string): JsonObject | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return isJsonObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

const numberOrUndefined = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
