import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit, type ListEndpoint } from '../common/list';
import { showFor } from '../common/operation';
import { toSmartfloDateTime } from './dateTime';

const endpoint: ListEndpoint = { path: '/v1/call/records', pagination: 'page', pageSize: 100 };

export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

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

export const needsCredential = true;

export const description: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: 'Only calls that started at or after this time (in the time zone under Options). Empty = no lower bound.',
		displayOptions: show,
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: 'Only calls that started at or before this time (in the time zone under Options). Empty = no upper bound.',
		displayOptions: show,
	},
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
			{
				displayName: 'DID Number Name or ID',
				name: 'didNumber',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCallerIds' },
				default: '',
				description: 'Only calls on this number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
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
		options: [
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: DEFAULT_TIME_ZONE,
				placeholder: DEFAULT_TIME_ZONE,
				description:
					'The Smartflo account’s time zone (IANA name). Dates are sent to Smartflo as wall-clock times in it, and Smartflo’s own times are in it too.',
			},
		],
	},
];

/** `GET /v1/call/records`, page by page: one item per call record, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getList.call(this, endpoint, itemIndex, callRecordQuery.call(this, itemIndex));
}

function callRecordQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeZone = String(options.timeZone || DEFAULT_TIME_ZONE);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {
		...dateRange.call(this, itemIndex, timeZone),
		...apiFields(filters, SCALAR_FILTERS),
	};
	const agents = listOf(filters.agents);
	if (agents.length > 0) query.agents = agents.map((agent) => (agent.startsWith('agent|') ? agent : `agent|${agent}`));
	const departments = listOf(filters.departments);
	if (departments.length > 0) query.department = departments;
	const ivrs = listOf(filters.ivrs);
	if (ivrs.length > 0) query.ivr = ivrs;
	const condition = (filters.duration as IDataObject | undefined)?.condition as IDataObject | undefined;
	if (condition && condition.seconds !== undefined) {
		query.duration = condition.seconds;
		query.operator = condition.operator ?? '>=';
	}
	return query;
}

function dateRange(this: IExecuteFunctions, itemIndex: number, timeZone: string): IDataObject {
	const range: IDataObject = {};
	for (const [parameter, field] of [
		['fromDate', 'from_date'],
		['toDate', 'to_date'],
	]) {
		const value = this.getNodeParameter(parameter, itemIndex, '') as unknown;
		if (value === '' || value === null || value === undefined) continue;
		const converted = toSmartfloDateTime(value, timeZone);
		if (!converted.ok) {
			throw new NodeOperationError(this.getNode(), `${parameter === 'fromDate' ? 'From' : 'To'}: ${converted.problem}`, {
				itemIndex,
				description: `Use a date and time such as 2026-09-21 10:00:00, an ISO 8601 value, or the date picker. Time zones are IANA names such as ${DEFAULT_TIME_ZONE}.`,
			});
		}
		range[field] = converted.value;
	}
	return range;
}

/** A multi-select value, or a comma-separated string from an expression. */
function listOf(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}
