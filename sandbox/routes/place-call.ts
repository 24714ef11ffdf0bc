import { randomUUID } from 'node:crypto';

import type { OriginateRequest } from '../calls';
import type { SandboxState } from '../context';
import { ok, type Reply } from '../replies';
import { isFlagSet } from '../validation';

export const SYNCHRONOUS_DISCONTINUED = 'Synchronous click to call is discontinued. Please send async: 1';

/**
 * Queues the call (it shows up in live calls), starts its webhooks' lifecycle, and answers with its
 * `ref_id`, plus `call_id` when asked.
 */
export function placeCall(
	state: SandboxState,
	request: Omit<OriginateRequest, 'refId'>,
	getCallId: unknown,
	message: string,
	customIdentifier?: string,
): Reply {
	const refId = randomUUID();
	const call = state.calls.originate({ ...request, refId });
	state.webhooks.playPlacedCall(call, customIdentifier);
	return ok({ success: true, message, ref_id: refId, ...(isFlagSet(getCallId) ? { call_id: call.callId } : {}) });
}
