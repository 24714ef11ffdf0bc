import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	AGENT_CONNECTIONS,
	CAMPAIGN_RING_STRATEGIES,
	DIAL_IN_TYPES,
	DIAL_METHODS,
	LIST_TRAVERSAL_ORDERS,
	MAX_ACTIVE_CAMPAIGN_LEAD_LISTS,
} from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { dropdown, picker, pickedValue } from '../common/pickers';

/** The parameters of a dialer campaign that Create and Update share (each adds its display options). */

const optionsOf = (labels: Record<string, string>): INodePropertyOptions[] =>
	Object.entries(labels)
		.map(([value, name]) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));

/** Smartflo's lead statuses a campaign can dial, from its add and update pages. */
const DIAL_STATUSES: INodePropertyOptions[] = [
	{ name: 'Busy', value: 9 },
	{ name: 'Call Drop', value: -5 },
	{ name: 'Channel Limit Reached', value: -6 },
	{ name: 'Emergency', value: -4 },
	{ name: 'In Account Block List', value: -7 },
	{ name: 'In Account DND List', value: -2 },
	{ name: 'In Public DND List', value: -3 },
	{ name: 'Missed by Agent', value: -8 },
	{ name: 'New', value: 0 },
	{ name: 'Not Reachable', value: 3 },
	{ name: 'Queue Missed', value: -9 },
	{ name: 'Undisposed', value: -1 },
];

/** The fields Smartflo's add page requires (Update offers them among its Update Fields), without display options. */
export const mainFields = {
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Renewal drive',
		description: 'The campaign’s name, unique in the account',
	},
	dialMethod: {
		displayName: 'Dial Method',
		name: 'dialMethod',
		type: 'options',
		options: optionsOf(DIAL_METHODS),
		default: '1',
		description: 'Preview: the agent sees each lead before it is dialled. Ratio: leads are dialled for the free agents.',
	},
	previewDuration: {
		displayName: 'Preview Duration (Seconds)',
		name: 'previewDuration',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description: 'How long the agent sees a lead before it is dialled (Preview campaigns)',
	},
	dialRatio: {
		displayName: 'Dial Ratio',
		name: 'dialRatio',
		type: 'string',
		default: '1',
		placeholder: '1.5',
		description: 'How many leads are dialled per free agent (Ratio campaigns)',
	},
	dispositionList: {
		displayName: 'Disposition List ID',
		name: 'dispositionList',
		type: 'string',
		default: '',
		placeholder: '4001',
		description: 'The list of short codes agents describe call outcomes with, as the Smartflo portal shows its ID',
	},
	retries: {
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 2,
		description: 'How many times a lead is dialled again (the portal’s Refresh Count)',
	},
	retryAfterMinutes: {
		displayName: 'Retry After (Minutes)',
		name: 'retryAfterMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long before a lead is dialled again (the portal’s Refresh Interval)',
	},
	wrapUpSeconds: {
		displayName: 'Wrap-Up Time (Seconds)',
		name: 'wrapUpSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'How long the agent has to dispose of a call',
	},
	dialStatuses: {
		displayName: 'Dial Statuses',
		name: 'dialStatuses',
		type: 'multiOptions',
		options: DIAL_STATUSES,
		default: [],
		description: 'Which leads are dialled, by their status',
	},
	leadLists: {
		displayName: 'Lead Lists',
		name: 'leadLists',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Lead List',
		default: {},
		description: `The lead lists the campaign dials; at most ${MAX_ACTIVE_CAMPAIGN_LEAD_LISTS} active`,
		options: [
			{
				displayName: 'Lead List',
				name: 'list',
				values: [
					{
						displayName: 'Active',
						name: 'active',
						type: 'boolean',
						default: true,
						description: 'Whether the campaign dials this list now',
					},
					...picker('leadList', dropdown('Lead List', 'leadListId', 'getLeadLists', 'The lead list'), 'The lead list'),
				],
			},
		],
	},
} satisfies Record<string, INodeProperties>;

/** The caller ID of the campaign, one of the account's numbers, sent by its ID; required where `displayOptions` are given. */
export function outboundCallerIdPicker(displayOptions?: IDisplayOptions): INodeProperties[] {
	const description = 'The account’s number the campaign calls from';
	return picker(
		'myNumber',
		dropdown('Outbound Caller ID', 'outboundCallerId', 'getMyNumbers', description, displayOptions),
		description,
		'Outbound Caller ID',
	);
}

/** Optional fields of both operations, sorted by name as n8n lists them. */
export function optionalFields({ create }: { create: boolean }): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'After-Call Work (Seconds)',
			name: 'afterCallWorkSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How long the agent gets after a call ends',
		},
		{
			displayName: 'Agent Call Method',
			name: 'agentCallMethod',
			type: 'options',
			options: optionsOf(DIAL_IN_TYPES),
			default: '3',
			description: 'How the agent’s line is held: one call for the whole session, or one per lead',
		},
		{
			displayName: 'Agent Dial-In Number',
			name: 'agentDialInNumber',
			type: 'string',
			default: '',
			description: 'The number agents dial in to',
		},
		{
			displayName: 'Agent Hang-Up',
			name: 'agentHangUp',
			type: 'boolean',
			default: true,
			description: 'Whether the agent may hang up calls',
		},
		{
			displayName: 'Agent Names or IDs',
			name: 'agents',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getAgents' },
			default: [],
			description:
				'The agents of the campaign. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Agent Opt-Out',
			name: 'agentOptOut',
			type: 'boolean',
			default: false,
			description: 'Whether agents may leave the inbound queue in the agent panel',
		},
		{
			displayName: 'Agent Script ID',
			name: 'agentScript',
			type: 'string',
			default: '',
			description: 'The script only the agent sees while a lead is dialled',
		},
		{
			displayName: 'Agent-Only Callbacks',
			name: 'agentOnlyCallbacks',
			type: 'boolean',
			default: false,
			description: 'Whether agents may schedule callbacks for themselves in the agent panel',
		},
		{
			displayName: 'Auto Answer',
			name: 'autoAnswer',
			type: 'boolean',
			default: false,
			description: 'Whether the agent is connected to calls without answering',
		},
		{
			displayName: 'Automatic Callbacks',
			name: 'automaticCallbacks',
			type: 'boolean',
			default: false,
			description: 'Whether callbacks may be scheduled automatically',
		},
		{
			displayName: 'Break List ID',
			name: 'breakList',
			type: 'string',
			default: '',
			description: 'The list of break (pause) codes agents give',
		},
		{
			displayName: 'Call Qualification (Seconds)',
			name: 'callQualificationSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'After how long a call counts as successful',
		},
		{
			displayName: 'Caller ID Per Agent',
			name: 'callerIdPerAgent',
			type: 'boolean',
			default: false,
			description: 'Whether each agent gets their own caller ID (see Map Agent Caller ID)',
		},
		{
			displayName: 'Connect Agent Through',
			name: 'connectAgentThrough',
			type: 'options',
			options: optionsOf(AGENT_CONNECTIONS),
			default: '3',
			description: 'How the dialer reaches the agent',
		},
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{
			displayName: 'DND List ID',
			name: 'dndList',
			type: 'string',
			default: '',
			description: 'The account DND list whose numbers the campaign does not dial',
		},
		{
			displayName: 'Enforce Break Code',
			name: 'enforceBreakCode',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How the break codes of the Break List are offered to agents',
		},
		{
			displayName: 'External Transfer',
			name: 'externalTransfer',
			type: 'boolean',
			default: false,
			description: 'Whether calls may be transferred outside the account',
		},
		{
			displayName: 'Hide Lead Details',
			name: 'hideLeadDetails',
			type: 'boolean',
			default: false,
			description: 'Whether the customer’s details are hidden from the agent',
		},
		{
			displayName: 'Inbound',
			name: 'inbound',
			type: 'boolean',
			default: false,
			description: 'Whether the campaign also takes inbound calls from a queue (set Inbound Queue ID and Inbound Lead List)',
		},
		...picker(
			'leadList',
			dropdown('Inbound Lead List', 'inboundLeadList', 'getLeadLists', 'The lead list inbound callers are added to'),
			'The lead list inbound callers are added to',
			'Inbound Lead List',
		),
		{
			displayName: 'Inbound Queue ID',
			name: 'inboundQueue',
			type: 'string',
			default: '',
			description: 'The queue of inbound calls, when Inbound is on',
		},
		{
			displayName: 'Lead List Per Agent',
			name: 'leadListPerAgent',
			type: 'boolean',
			default: false,
			description: 'Whether each agent gets their own lead list (see Map Agent Lead List)',
		},
		{
			displayName: 'List Traversal Order',
			name: 'listTraversalOrder',
			type: 'options',
			options: optionsOf(LIST_TRAVERSAL_ORDERS),
			default: '1',
			description: 'Which leads of the lists are dialled first',
		},
		{
			displayName: 'Manual Dial',
			name: 'manualDial',
			type: 'boolean',
			default: false,
			description: 'Whether agents may dial numbers by hand in the agent panel (set Manual Lead List Names or IDs)',
		},
		{
			displayName: 'Manual Lead List Names or IDs',
			name: 'manualLeadLists',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getLeadLists' },
			default: [],
			description:
				'The lead lists for manual dialling, when Manual Dial is on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Map Agent Caller ID',
			name: 'mapAgentCallerId',
			type: 'string',
			default: '',
			description: 'Each agent’s caller ID, when Caller ID Per Agent is on',
		},
		{
			displayName: 'Map Agent Lead List',
			name: 'mapAgentLeadList',
			type: 'string',
			default: '',
			description: 'Each agent’s lead list, when Lead List Per Agent is on',
		},
		{
			displayName: 'Music On Hold ID',
			name: 'musicOnHold',
			type: 'string',
			default: '',
			description: 'The music played while a call connects to an agent',
		},
		...(create
			? [
					{
						displayName: 'Queue Timeout (Seconds)',
						name: 'queueTimeoutSeconds',
						type: 'number' as const,
						typeOptions: { minValue: 0 },
						default: 60,
						description: 'How long a caller may wait in the queue before the call moves on or ends',
					},
				]
			: []),
		{
			displayName: 'Quick Transfer List ID',
			name: 'quickTransferList',
			type: 'string',
			default: '',
			description: 'The campaign’s list of quick transfer targets',
		},
		{
			displayName: 'Ring Strategy',
			name: 'ringStrategy',
			type: 'options',
			options: optionsOf(CAMPAIGN_RING_STRATEGIES),
			default: '1',
			description: 'Which free agent gets the next call',
		},
		{
			displayName: 'Ring Timeout (Seconds)',
			name: 'ringTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 20,
			description: 'How long a call rings on each agent before another is tried',
		},
		{
			displayName: 'Time Group Name or ID',
			name: 'timeGroup',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTimeGroups' },
			default: '',
			description:
				'The hours the campaign dials in, for all agents. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Time Group Recording ID',
			name: 'timeGroupRecording',
			type: 'string',
			default: '',
			description: 'The recording played outside the campaign’s hours',
		},
		{
			displayName: 'Transfer',
			name: 'transfer',
			type: 'boolean',
			default: false,
			description: 'Whether calls may be transferred',
		},
		{
			displayName: 'Update Lead Details',
			name: 'updateLeadDetails',
			type: 'boolean',
			default: true,
			description: 'Whether the agent may update the customer’s details',
		},
		{
			displayName: 'Web Form',
			name: 'webForm',
			type: 'boolean',
			default: false,
			description: 'Whether the agent is shown a web form (set Web Form URL)',
		},
		{ displayName: 'Web Form URL', name: 'webFormUrl', type: 'string', default: '', placeholder: 'https://crm.example.com/lead' },
		{
			displayName: 'Welcome Recording ID',
			name: 'welcomeRecording',
			type: 'string',
			default: '',
			description: 'The recording played when a call connects',
		},
	];
	return fields;
}

/** Parameter name → Smartflo's field, for the campaign parameters that are not pickers. */
const FIELD_NAMES: Record<string, string> = {
	name: 'name',
	dialMethod: 'dial_method',
	previewDuration: 'auto_dial_duration',
	dialRatio: 'dial_ratio',
	dispositionList: 'disposition_list',
	retries: 'number_of_retry',
	retryAfterMinutes: 'retry_after_minutes',
	wrapUpSeconds: 'auto_disposition_cancel_duration',
	dialStatuses: 'dial_status',
	afterCallWorkSeconds: 'after_call_work_duration',
	agentCallMethod: 'dial_in_type',
	agentDialInNumber: 'agent_dial_in_number',
	agentHangUp: 'enable_hangup',
	agents: 'agent',
	agentOptOut: 'enable_agent_opt_out',
	agentScript: 'agent_script',
	agentOnlyCallbacks: 'agent_only_callback',
	autoAnswer: 'enable_auto_answer',
	automaticCallbacks: 'automatic_schedule_call_enabled',
	breakList: 'break_list',
	callQualificationSeconds: 'call_qualification_duration',
	callerIdPerAgent: 'agent_wise_caller_id',
	connectAgentThrough: 'connect_agent_through',
	description: 'description',
	dndList: 'account_dnd_list',
	enforceBreakCode: 'enforce_agent_pause_code',
	externalTransfer: 'enable_external_transfer',
	hideLeadDetails: 'hide_lead_details',
	inbound: 'enable_inbound',
	inboundQueue: 'inbound_queue',
	leadListPerAgent: 'agent_wise_lead_list',
	listTraversalOrder: 'list_traversal_order',
	manualDial: 'manual_dial_enabled',
	manualLeadLists: 'manual_lead_list',
	mapAgentCallerId: 'map_agent_caller_id',
	mapAgentLeadList: 'map_agent_lead_list',
	musicOnHold: 'music_on_hold',
	queueTimeoutSeconds: 'queue_timeout',
	quickTransferList: 'quick_transfer_list',
	ringStrategy: 'ring_strategy',
	ringTimeoutSeconds: 'ring_timeout',
	timeGroup: 'time_group',
	timeGroupRecording: 'time_group_recording',
	transfer: 'enable_transfer',
	updateLeadDetails: 'update_lead_details',
	webForm: 'enable_web_form',
	webFormUrl: 'webform_url',
	welcomeRecording: 'announcement_recording',
};

/**
 * The campaign's values under Smartflo's names, from parameters as the node holds them (the top-level
 * ones, or a collection's, which `collection` names): the pickers among them are read again by their
 * path (pickedValue), and the lead lists become `lead_list_map`.
 */
export function campaignValues(this: IExecuteFunctions, values: IDataObject, itemIndex: number, collection?: string): IDataObject {
	const path = (name: string) => (collection === undefined ? name : `${collection}.${name}`);
	const present = Object.keys(values).filter((name) => Object.hasOwn(FIELD_NAMES, name));
	const fields = apiFields(values, Object.fromEntries(present.map((name) => [name, FIELD_NAMES[name]])));
	if ('inboundLeadList' in values) fields.inbound_lead_list = pickedValue.call(this, path('inboundLeadList'), itemIndex, '');
	if ('outboundCallerId' in values) fields.outbound_caller_id = pickedValue.call(this, path('outboundCallerId'), itemIndex, '');
	const lists = ((values.leadLists as IDataObject | undefined)?.list ?? []) as IDataObject[];
	if (lists.length > 0) {
		fields.lead_list_map = lists.map((list, index) => {
			const id = pickedValue.call(this, `${path('leadLists')}.list[${index}].leadListId`, itemIndex, '');
			// Smartflo's page writes the IDs as numbers ({list_id:1234,list_status:1}).
			return { list_id: /^\d{1,15}$/.test(String(id).trim()) ? Number(String(id).trim()) : id, list_status: list.active === false ? 0 : 1 };
		});
	}
	return fields;
}
