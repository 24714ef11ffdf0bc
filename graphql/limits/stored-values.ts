import { isJsonObject, type JsonObject } from '../../src/api/answer';
import { SMARTFLO_ERROR_CODES, SmartfloError, type SmartfloErrorCode, type SmartfloErrorReason, type TokenSet } from '../../src/auth';
import type { SealedBox } from './sealed-box';

/** What the state store keeps of a call's answer: Smartflo's tokens, or its refusal. */
export type StoredAnswer = { tokens: TokenSet } | { error: SmartfloError };

/**
 * How an answer is written to the state store: every value the guard reads back from it is sealed
 * (see SealedBox), a refusal as well as a token set. A token set is secret; a refusal is not (its
 * fields are written by the core), but whoever can write to the store must not be able to put words
 * in the server's answers. `context` names the value's use and its place (the call's key, the
 * flight's id) and holds the call's own secret where there is one, so a value moved to another key,
 * altered, or written without the server secret does not open.
 */
export function sealAnswer(box: SealedBox, answer: StoredAnswer, context: readonly string[]): string {
	const fields = 'tokens' in answer ? { tokens: tokenFields(answer.tokens) } : { error: answer.error.toJSON() };
	return box.seal(JSON.stringify(fields), context);
}

/** The answer sealed by sealAnswer for the same `context`, or undefined when it cannot be opened or read (another version, altered, forged): the call is then made again. */
export function openAnswer(box: SealedBox, sealed: string, context: readonly string[]): StoredAnswer | undefined {
	const opened = box.open(sealed, context);
	const value = opened === undefined ? undefined : parse(opened);
	if (isJsonObject(value?.tokens)) {
		const tokens = readTokens(value.tokens);
		return tokens && { tokens };
	}
	if (isJsonObject(value?.error)) {
		const error = readError(value.error);
		return error && { error };
	}
	return undefined;
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

function readError(value: JsonObject): SmartfloError | undefined {
	if (!(SMARTFLO_ERROR_CODES as readonly unknown[]).includes(value.code) || typeof value.message !== 'string') return undefined;
	return new SmartfloError(value.code as SmartfloErrorCode, value.message, {
		status: numberOrUndefined(value.status),
		retryAfterSeconds: numberOrUndefined(value.retryAfterSeconds),
		loginFailedCount: numberOrUndefined(value.loginFailedCount),
		reason: isErrorReason(value.reason) ? value.reason : undefined,
		systemCode: typeof value.systemCode === 'string' ? value.systemCode : undefined,
	});
}

function tokenFields(tokens: TokenSet): TokenSet {
	const { accessToken, tokenType, expiresIn, expiresAt, passwordExpiresInDays } = tokens;
	return { accessToken, tokenType, expiresIn, expiresAt, passwordExpiresInDays };
}

function readTokens(value: JsonObject): TokenSet | undefined {
	if (typeof value.accessToken !== 'string' || typeof value.tokenType !== 'string') return undefined;
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

function parse(text: string): JsonObject | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return isJsonObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

const numberOrUndefined = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
