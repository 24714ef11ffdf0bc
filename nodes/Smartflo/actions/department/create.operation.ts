import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RING_STRATEGIES, SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { listOf } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';

const show = showFor('department', 'create');

const RING_STRATEGY_NAMES: Record<(typeof RING_STRATEGIES)[number], string> = {
	order_by: 'In Order',
	round_robin: 'Round Robin',
	simultaneous: 'All at Once',
	random: 'Random',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'collections',
		description: 'The department’s name, unique in the account',
		displayOptions: show,
	},
	{
		displayName: 'Agent Names or IDs',
		name: 'agents',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: [],
		description:
			'The agents calls to the department ring, in this order. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Agent Timeout (Seconds)',
				name: 'agentTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long each agent rings before the next one is tried',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Failover Destination ID',
				name: 'failoverDestination',
				type: 'string',
				default: '',
				description: 'The ID of where unanswered calls go (for a failover type other than hang up)',
			},
			{
				displayName: 'Failover Destination Type',
				name: 'failoverType',
				type: 'options',
				options: [
					{ name: 'Department', value: 'department' },
					{ name: 'Hang Up', value: 'hangup' },
					{ name: 'IVR', value: 'ivr' },
					{ name: 'Voicemail', value: 'voicemail' },
				],
				default: 'hangup',
				description: 'Where calls go when no agent answers',
			},
			{
				displayName: 'Ring Strategy',
				name: 'ringStrategy',
				type: 'options',
				options: RING_STRATEGIES.map((value) => ({ name: RING_STRATEGY_NAMES[value], value })),
				default: 'order_by',
				description: 'How calls are shared among the agents',
			},
		],
	},
];

/**
 * `POST /v1/department`. Its members go as two parallel arrays: `destination` (`extension||<agent id>`)
 * and `timeout` (the seconds each one rings). Outputs `success`, `message` and `department_id`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const agents = listOf(this.getNodeParameter('agents', itemIndex, []));
	const timeout = additional.agentTimeout ?? 30;
	const values: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		destination: agents.map((agent) => `extension||${agent}`),
		timeout: agents.map(() => timeout),
		...apiFields(additional, {
			description: 'description',
			ringStrategy: 'ring_strategy',
			failoverType: 'failover_dest_type',
			failoverDestination: 'timeout_destination',
		}),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.department.create, values, itemIndex)) as IDataObject;
}
