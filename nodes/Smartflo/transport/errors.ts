import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { transportFailure } from '../../../src/auth/transport-failure';
import { describeAuthFailure, transportErrorOf, type AuthSource, type SmartfloAuthMode } from '../../../src/n8n';
import type { ApiFailure } from './envelope';

export function apiFailureError(node: INode, failure: ApiFailure, itemIndex?: number): NodeApiError {
	return new NodeApiError(node, (failure.body ?? {}) as JsonObject, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode || undefined,
		itemIndex,
	});
}

/** Smartflo still refuses the token after the one renewal allowed per request, or it cannot be renewed. */
export function tokenRefusedError(
	node: INode,
	authMode: SmartfloAuthMode,
	status: number,
	upstreamMessage: string,
	itemIndex?: number,
): NodeApiError {
	const said = upstreamMessage ? `: ${upstreamMessage}` : '';
	const failure: ApiFailure =
		authMode === 'token'
			? {
					message: `Smartflo rejected the access token (HTTP ${status})${said}`,
					description:
						'n8n cannot renew a permanent or API Connect token. Generate a new token in Smartflo API Connect and paste it into the credential, or switch the credential to Email & Password.',
					httpCode: String(status),
				}
			: {
					message: `Smartflo refused the request even with a newly obtained token (HTTP ${status})${said}`,
					description:
						'The login works, but this request is still refused: the Smartflo user may not be allowed to use this part of the API (check its role in the portal), or the account logged in elsewhere at the same moment.',
					httpCode: String(status),
				};
	return apiFailureError(node, failure, itemIndex);
}

/** A login, refresh or token check failed (a SmartfloError from the core). */
export function authFailureError(node: INode, error: unknown, baseUrl: string, itemIndex?: number, source?: AuthSource): NodeApiError {
	const { message, description, httpCode } = describeAuthFailure(error, baseUrl, source);
	return new NodeApiError(node, {} as JsonObject, { message, description, httpCode, itemIndex });
}

/**
 * An error thrown by n8n's request helper that carries no Smartflo answer: no connection at all, or a
 * failed renewal (whose message the credential already made actionable).
 */
export function requestError(node: INode, error: unknown, baseUrl: string, itemIndex?: number): NodeApiError | NodeOperationError {
	// No answer at all: only a system error code tells (a failed renewal's message must not be re-read).
	const answered = error instanceof NodeApiError && Boolean(error.httpCode);
	const connection = transportErrorOf(error);
	if (!answered && connection.causeCode !== undefined)
		return authFailureError(node, transportFailure(connection, baseUrl), baseUrl, itemIndex);
	return withItemIndex(node, error, itemIndex);
}

/**
 * The error with the failing item's index, as n8n shows it. Anything that is not a node error is
 * wrapped by its message only: a request helper's own error keeps its request (headers with the
 * token, a signed URL), which must not travel on as the cause.
 */
export function withItemIndex(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
}
