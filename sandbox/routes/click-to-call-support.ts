import type { ApiRoute } from '../context';
import { isSameNumber, isValidCustomerNumber } from '../phone';
import { BLACKLISTED_TOKEN_MESSAGE, refused } from '../replies';
import { isBlank, isFlagSet, Validator } from '../validation';
import { placeCall, SYNCHRONOUS_DISCONTINUED } from './place-call';

/** Customer-first click to call, authenticated by the `api_key` in the body instead of a bearer token. */
export const clickToCallSupportRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/click_to_call_support',
	auth: 'none',
	handle({ state, body, headers }) {
		// The documented pitfall: the key sent as a bearer token instead of in the body.
		if (isBlank(body.api_key) && headers.authorization !== undefined) return refused(BLACKLISTED_TOKEN_MESSAGE);

		const input = new Validator(body);
		const customerNumber = input.required('customer_number');
		const apiKey = input.required('api_key');
		const callerId = input.optionalText('caller_id');
		input.optionalInteger('customer_ring_timeout', { min: 10, max: 30 });
		const callTimeoutSeconds = input.optionalInteger('call_timeout', { min: 1 });
		const customIdentifier = input.optionalText('custom_identifier');
		if (input.failed || customerNumber === undefined || apiKey === undefined) return input.reply();

		const key = state.directory.supportKey(apiKey);
		if (!key) return refused('Invalid API key');
		if (!isFlagSet(body.async)) return refused(SYNCHRONOUS_DISCONTINUED);
		if (!isValidCustomerNumber(customerNumber)) return refused('Invalid customer number');
		const did = state.directory.didById(key.didId);
		if (callerId !== undefined && !isSameNumber(callerId, did.did)) return refused('Provide a valid caller_id');

		const department = state.directory.department(key.departmentId);
		const members = department ? state.directory.members(department) : [];
		const user = members.find((member) => member.agent.status === 0) ?? members[0] ?? state.directory.users[0];
		return placeCall(
			state,
			{
				user,
				did,
				customerNumber,
				type: 'click-to-call-support',
				service: 'Click to call support',
				departmentId: key.departmentId,
				callTimeoutSeconds,
			},
			body.get_call_id,
			'Call originated successfully',
			customIdentifier,
		);
	},
};
