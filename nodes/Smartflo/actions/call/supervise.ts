import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CALL_OPTION_TYPES, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import type { ItemOperation } from '../common/operation';
import { showFor } from '../common/operation';
import { agentPicker, callIdField, pickedValue } from '../common/pickers';

const HOW: Record<'monitor' | 'whisper' | 'barge', string> = {
	monitor: 'listens to the call without being heard',
	whisper: 'speaks to the agent without the customer hearing',
	barge: 'joins the call and is heard by both sides',
};

/**
 * Monitor, Whisper and Barge: `POST /v1/call/options` with their `type` (1, 2, 3), the live call and the
 * supervising agent. They differ only in the type, so one definition makes all three.
 */
export function supervisionOperation(operation: keyof typeof HOW): ItemOperation {
	const show = showFor('call', operation);
	const description: INodeProperties[] = [
		callIdField(show, 'The live call’s call_id (from Click to Call with Return Call ID on, or Get Live Calls)'),
		...agentPicker(show, `The supervisor who ${HOW[operation]}; Smartflo rings them`, 'supervisorId'),
	];
	return {
		description,
		/** Outputs `success` and `message`. */
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const values = {
				type: CALL_OPTION_TYPES[operation],
				call_id: this.getNodeParameter('callId', itemIndex) as string,
				agent_id: pickedValue.call(this, 'supervisorId', itemIndex),
			};
			return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.call.callOptions, values, itemIndex)) as IDataObject;
		},
	};
}
