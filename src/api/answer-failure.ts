import { SmartfloError } from '../auth/errors';
import type { Answer } from './answer';

/** The answers that are no answer to the call itself, whatever was asked: Smartflo or a gateway in front of it failed. */
export type FailedAnswer = Extract<Answer, { kind: 'rateLimited' | 'html' | 'serverError' | 'notJson' }>;

/** The coded error for a {@link FailedAnswer}, the same for a login, a refresh and any API call. */
export function answerFailure(answer: FailedAnswer): SmartfloError {
	const { status } = answer;
	switch (answer.kind) {
		case 'rateLimited': {
			const { retryAfterSeconds } = answer;
			return new SmartfloError(
				'RATE_LIMITED',
				retryAfterSeconds === undefined
					? 'Smartflo is rate limiting requests (HTTP 429). Try again shortly.'
					: `Smartflo is rate limiting requests (HTTP 429). Try again in ${retryAfterSeconds} s.`,
				{ status, retryAfterSeconds },
			);
		}
		case 'html':
			return new SmartfloError('UPSTREAM_ERROR', `Smartflo answered with an HTML error page (HTTP ${status}) instead of JSON.`, { status });
		case 'serverError':
			return new SmartfloError('UPSTREAM_ERROR', `Smartflo had a server error (HTTP ${status}).`, { status });
		case 'notJson':
			return new SmartfloError('BAD_RESPONSE', `Smartflo answered HTTP ${status} with a body that is not valid JSON.`, { status });
	}
}
