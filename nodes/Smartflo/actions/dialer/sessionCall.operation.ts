import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { campaignIdField } from './fields';

const show = (extra = {}) => showFor('dialer', 'sessionCall', extra);

export const description: INodeProperties[] = [
	{
		displayName: 'Session',
		name: 'session',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Start', value: 'start', description: 'Start dialling the campaign’s leads for the agent' },
			{ name: 'End', value: 'end', description: 'Stop dialling for the agent' },
		],
		default: 'start',
		displayOptions: show(),
	},
	campaignIdField(show({ session: ['start'] }), 'The dialer campaign whose leads are dialled'),
	campaignIdField(show({ session: ['end'] }), 'The campaign the session runs in; empty ends the running session wherever it is', false),
	{
		displayName: 'Log Out',
		name: 'logout',
		type: 'boolean',
		default: false,
		description: 'Whether the agent is also logged out of the dialer',
		displayOptions: show({ session: ['end'] }),
	},
];

/**
 * `POST /v1/dialer/session_call` `{ startOrEnd, campaignId, logout }`, for the user whose token the
 * credential holds. Outputs `success` and `message`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const start = this.getNodeParameter('session', itemIndex) === 'start';
	const campaignId = String(this.getNodeParameter('campaignId', itemIndex, '') ?? '').trim();
	if (start && campaignId === '') {
		// The catalogue leaves it optional (ending needs none); a session starts in a campaign.
		throw new NodeOperationError(this.getNode(), 'Campaign ID is required to start a session', {
			itemIndex,
			description: 'Set the dialer campaign whose leads are dialled.',
		});
	}
	const values: IDataObject = {
		startOrEnd: start,
		campaignId,
		...(start ? {} : { logout: this.getNodeParameter('logout', itemIndex, false) as boolean }),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.dialer.sessionCall, values, itemIndex)) as IDataObject;
}
