import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { listOf } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';
import { dropdown, dropdownsOnly, picker, withPickedValues } from '../common/pickers';
import { dateRangeProperties, timeZoneOf, timeZoneOption } from '../common/timeZone';

const endpoint = SMARTFLO_ENDPOINTS.callRecord.getMany;

/** Filters sent as they are: parameter name → Smartflo's query parameter. */
const SCALAR_FILTERS: Record<string, string> = {
	callType: 'call_type',
	callerNumber: 'callerid',
	destination: 'destination',
	direction: 'direction',
	didNumber: 'did_number',
	services: 'services',
	broadcast: 'broadcast',
};

const show = showFor('callRecord', 'getMany');

export const description: INodeProperties[] = [
	...dateRangeProperties(show, 'Only calls that started'),
	...returnAllAndLimit('callRecord', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Agent Names or IDs',
				name: 'agents',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: [],
				description:
					'Only calls of these agents. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Broadcast',
				name: 'broadcast',
				type: 'string',
				default: '',
				description: 'Only calls of this broadcast (campaign), by name in lower case',
			},
			{
				displayName: 'Call Type',
				name: 'callType',
				type: 'options',
				options: [
					{ name: 'Answered', value: 'c' },
					{ name: 'Missed', value: 'm' },
				],
				default: 'c',
			},
			{
				displayName: 'Customer Number',
				name: 'callerNumber',
				type: 'string',
				default: '',
				description: 'Only calls with this customer (client) number',
			},
			{
				displayName: 'Department Names or IDs',
				name: 'departments',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getDepartments' },
				default: [],
				description:
					'Only calls that went through these departments. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				description: 'Only calls to this number. On some accounts Smartflo ignores it; filter the output instead if so.',
			},
			...picker(
				'callerId',
				dropdown('DID Number', 'didNumber', 'getCallerIds', 'Only calls on this number'),
				'Only calls on this number',
				'DID Number',
			),
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
				default: 'inbound',
			},
			{
				displayName: 'Duration',
				name: 'duration',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Duration Condition',
				description: 'Only calls whose duration (ringing included) compares to this number of seconds',
				options: [
					{
						displayName: 'Condition',
						name: 'condition',
						values: [
							{
								displayName: 'Operator',
								name: 'operator',
								type: 'options',
								options: [
									{ name: 'Equal', value: '=' },
									{ name: 'Greater Than', value: '>' },
									{ name: 'Greater Than or Equal', value: '>=' },
									{ name: 'Less Than', value: '<' },
									{ name: 'Less Than or Equal', value: '<=' },
									{ name: 'Not Equal', value: '!=' },
								],
								default: '>=',
							},
							{
								displayName: 'Seconds',
								name: 'seconds',
								type: 'number',
								typeOptions: { minValue: 0 },
								default: 0,
							},
						],
					},
				],
			},
			{
				displayName: 'IVR IDs',
				name: 'ivrs',
				type: 'string',
				default: '',
				placeholder: '301, 302',
				description: 'Only calls that went through these IVRs (comma-separated IDs)',
			},
			{
				displayName: 'Services',
				name: 'services',
				type: 'string',
				default: '',
				placeholder: 'Click to call, IVR',
				description: 'Only calls of these services (comma-separated, as Smartflo names them)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [timeZoneOption],
	},
];

/** The options of the Filters collection above; the Smartflo Call Record Trigger offers the same filters, with dropdowns. */
export const callRecordFilters = dropdownsOnly(
	(description.find((property) => property.name === 'filters') as INodeProperties).options as INodeProperties[],
);

/** Smartflo's query parameters for values of the Filters. */
export function callRecordFilterQuery(filters: IDataObject): IDataObject {
	const condition = (filters.duration as IDataObject | undefined)?.condition as IDataObject | undefined;
	const query: IDataObject = {
		...apiFields(filters, SCALAR_FILTERS),
		agents: listOf(filters.agents).map((entry) => {
			const agent = String(entry).trim();
			return agent.startsWith('agent|') ? agent : `agent|${agent}`;
		}),
		department: filters.departments,
		ivr: filters.ivrs,
	};
	if (condition && condition.seconds !== undefined) {
		query.duration = condition.seconds;
		query.operator = condition.operator ?? '>=';
	}
	return query;
}

/** `GET /v1/call/records`, page by page: one item per call record, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query: IDataObject = {
		from_date: this.getNodeParameter('fromDate', itemIndex, '') as IDataObject[string],
		to_date: this.getNodeParameter('toDate', itemIndex, '') as IDataObject[string],
		...callRecordFilterQuery(
			withPickedValues.call(this, 'filters', this.getNodeParameter('filters', itemIndex, {}) as IDataObject, ['didNumber'], itemIndex),
		),
	};
	return await getList.call(this, endpoint, itemIndex, query, timeZoneOf.call(this, itemIndex));
}
