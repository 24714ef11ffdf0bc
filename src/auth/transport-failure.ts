import { isTransportError } from '../http/transport';
import { SmartfloError } from './errors';

/**
 * The SmartfloError for a request that got no complete answer: TIMEOUT, BAD_RESPONSE (far too large)
 * or NETWORK_ERROR with the system code. Only the classification is kept: transport errors can carry
 * URLs and request details.
 */
export function transportFailure(error: unknown, baseUrl: string, timeoutMs?: number): SmartfloError {
	if (!isTransportError(error)) {
		// A transport that broke its contract: report it without repeating what it said.
		return new SmartfloError('NETWORK_ERROR', `Smartflo unreachable at ${baseUrl} (transport failure).`);
	}
	const systemCode = error.causeCode;
	switch (error.kind) {
		case 'timeout':
			return new SmartfloError(
				'TIMEOUT',
				timeoutMs === undefined
					? `Smartflo did not answer in time (${baseUrl}).`
					: `Smartflo did not answer within ${timeoutMs} ms (${baseUrl}).`,
				{ systemCode },
			);
		case 'response-too-large':
			return new SmartfloError('BAD_RESPONSE', 'Smartflo answered with a response far larger than expected.');
		case 'network':
			return new SmartfloError('NETWORK_ERROR', `Smartflo unreachable at ${baseUrl}${systemCode ? ` (${systemCode})` : ''}.`, {
				systemCode,
			});
	}
}
