import type { ApiRoute } from '../context';
import { ok, refused } from '../replies';
import { Validator } from '../validation';

/** Ends a live call by its `call_id`; a click-to-call `ref_id` is not found, as on Smartflo. */
export const hangupRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/call/hangup',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		const callId = input.required('call_id');
		if (callId === undefined) return input.reply();
		if (!state.calls.hangup(callId)) return refused('Call not found');
		return ok({ success: true, message: 'Call hangup successfully' });
	},
};
