import type { IDataObject } from 'n8n-workflow';

import { isJsonObject, isTokenRefusal, readAnswer, validationDetails, type AnswerRules, type RawAnswer } from '../../../src/api/answer';

export interface ApiFailure {
	message: string;
	description: string;
	httpCode: string;
	/** Smartflo's JSON body, when it sent one. */
	body?: IDataObject;
}

export type Envelope =
	| { kind: 'ok'; body: unknown }
	/** The token was refused: a renewal may help. */
	| { kind: 'tokenRefused'; status: number; upstreamMessage: string }
	| { kind: 'failure'; failure: ApiFailure };

/** A Smartflo answer read by Smartflo's rules (`src/api/answer.ts`), worded for an n8n user. */
export function readEnvelope(raw: RawAnswer, rules: AnswerRules = {}): Envelope {
	const answer = readAnswer(raw, rules);
	const httpCode = String(answer.status);
	const fail = (message: string, description: string, body?: IDataObject): Envelope => ({
		kind: 'failure',
		failure: body ? { message, description, httpCode, body } : { message, description, httpCode },
	});

	switch (answer.kind) {
		case 'ok':
			return { kind: 'ok', body: answer.json ?? {} };
		case 'rateLimited':
			return fail(
				'Smartflo is rate limiting requests (HTTP 429)',
				answer.retryAfterSeconds === undefined
					? 'Enable Retry On Fail in the node settings, or send fewer requests at once.'
					: `Smartflo asked to wait ${answer.retryAfterSeconds} s (Retry-After). Enable Retry On Fail in the node settings, or send fewer requests at once.`,
			);
		case 'html':
			return fail(
				`Smartflo answered with an HTML error page (HTTP ${answer.status}) instead of JSON`,
				'A proxy or load balancer in front of Smartflo failed, or the Base URL does not point to the Smartflo API. Try again later, or check the Base URL.',
			);
		case 'serverError':
			return fail(
				`Smartflo had a server error (HTTP ${answer.status})`,
				`${sentence(answer.message)}Try again later, or enable Retry On Fail in the node settings.`,
			);
		case 'notJson':
			return fail(
				`Smartflo answered with a body that is not valid JSON (HTTP ${answer.status})`,
				'The answer was cut off or does not come from the Smartflo API. Try again, or check the Base URL.',
			);
		case 'refused': {
			if (isTokenRefusal(answer)) return { kind: 'tokenRefused', status: answer.status, upstreamMessage: answer.message };
			const body = answer.json as IDataObject | undefined;
			const said = answer.message;
			if (answer.status === 422) {
				return fail(
					`Smartflo rejected the parameters: ${said || 'the given data was invalid'}`,
					validationDetails(answer.json) || 'Check the parameters of this operation.',
					body,
				);
			}
			if (answer.status === 404) {
				return fail(
					said ? `Smartflo could not find it: ${said} (HTTP 404)` : 'Smartflo could not find it (HTTP 404)',
					'Check the ID, and that the Base URL points to the Smartflo API (without /v1).',
					body,
				);
			}
			if (answer.status >= 300) {
				return fail(
					said ? `Smartflo refused the request: ${said} (HTTP ${answer.status})` : `Smartflo refused the request (HTTP ${answer.status})`,
					'Check the parameters of this operation.',
					body,
				);
			}
			return fail(
				said ? `Smartflo refused the request: ${said}` : 'Smartflo refused the request',
				`Smartflo answered with ${isJsonObject(body) && body.success === false ? 'success' : (rules.refusalFlag ?? 'success')}: false. Check the parameters against the message.`,
				body,
			);
		}
	}
}

function sentence(text: string): string {
	if (!text) return '';
	return /[.!?]$/.test(text) ? `${text} ` : `${text}. `;
}
