import type { ApiRoute } from '../context';
import { isValidCustomerNumber } from '../phone';
import { refused } from '../replies';
import { isFlagSet, Validator } from '../validation';
import { placeCall, SYNCHRONOUS_DISCONTINUED } from './place-call';

/** Agent-first click to call: rings the agent, then bridges the customer. */
export const clickToCallRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/click_to_call',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		const agentNumber = input.required('agent_number');
		const destination = input.required('destination_number');
		const callerId = input.optionalText('caller_id');
		const callTimeoutSeconds = input.optionalInteger('call_timeout', { min: 1 });
		const customIdentifier = input.optionalText('custom_identifier');
		if (input.failed || agentNumber === undefined || destination === undefined) return input.reply();

		if (!isFlagSet(body.async)) return refused(SYNCHRONOUS_DISCONTINUED);
		const user = state.directory.findAgent(agentNumber);
		if (!user) return refused('Agent not found');
		if (!isValidCustomerNumber(destination)) return refused('Invalid destination number');
		const did = callerId === undefined ? state.directory.pilotNumber() : state.directory.findDid(callerId);
		if (!did) return refused('Provide a valid caller_id');

		return placeCall(
			state,
			{
				user,
				did,
				customerNumber: destination,
				type: 'click-to-call',
				service: 'Click to call',
				departmentId: null,
				callTimeoutSeconds,
			},
			body.get_call_id,
			'Originate successfully queued',
			customIdentifier,
		);
	},
};
