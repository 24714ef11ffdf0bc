import { body, pathId, query } from './params';
import type { EndpointDefinition, ParamDefinition } from './types';

const DOCS = 'https://docs.smartflo.tatatelebusiness.com/reference';

export const scheduleCallback: EndpointDefinition = {
	summary: 'Schedule a callback to a customer for an agent',
	method: 'POST',
	effect: 'call',
	path: '/v1/dialer/schedule_call/',
	auth: 'bearer',
	params: [
		body('customer_name', 'Customer Name', 'text', 'Who is called back'),
		body('customer_number', 'Customer Number', 'text', 'The number called back', { required: true }),
		body('schedule_date_time', 'Scheduled For', 'dateTime', 'When the callback is due', { required: true }),
		body('assigned_to', 'Agent', 'text', 'The ID of the agent who makes the call', { required: true }),
		body('reminder_schedule_callbacks', 'Reminder', 'boolean', 'Whether the agent is reminded before the callback'),
		body('reminder_time', 'Reminder (Minutes Before)', 'integer', 'Minutes before the callback the reminder comes', { min: 1 }),
		body('call_end_min', 'Expires After (Minutes)', 'integer', 'Minutes after which an unanswered callback ends', { min: 1 }),
		body('inbound_queue', 'Inbound Queue', 'integer', 'The queue the callback belongs to (dialer campaigns with inbound callbacks)', {
			min: 1,
		}),
	],
	response: { kind: 'result' },
	refusalFlag: 'ok',
	docs: `${DOCS}/schedule-a-callback`,
};

export const callbacks: EndpointDefinition = {
	summary: 'List scheduled callbacks in a date range (status 0 pending, 1 in progress, 2 completed)',
	method: 'GET',
	effect: 'read',
	path: '/v1/dialer/schedule_call',
	auth: 'bearer',
	params: [
		query('from_date', 'From', 'dateTime', 'Callbacks due at or after this time', { required: true }),
		query('to_date', 'To', 'dateTime', 'Callbacks due at or before this time', { required: true }),
	],
	response: { kind: 'list', at: 'data', pagination: { style: 'none' } },
	refusalFlag: 'ok',
	docs: `${DOCS}/retrieve-all-scheduled-callbacks`,
};

/** `dial_method` of a dialer campaign. */
export const DIAL_METHODS = { '1': 'Preview', '2': 'Ratio' } as const;
/** `list_traversal_order`: which leads of its lead lists a campaign dials first. */
export const LIST_TRAVERSAL_ORDERS = { '1': 'Oldest First', '2': 'Newest First', '3': 'Random' } as const;
/** `ring_strategy` of a dialer campaign (not a department's). */
export const CAMPAIGN_RING_STRATEGIES = { '1': 'Random', '2': 'Fewest Calls', '3': 'Longest Wait Time' } as const;
/** `connect_agent_through`: how the dialer reaches the agent. */
export const AGENT_CONNECTIONS = { '1': 'Agent Mobile', '2': 'Agent Extension', '3': 'Extension First, Else Mobile' } as const;
/** `dial_in_type`: how the agent's line is held during a session. */
export const DIAL_IN_TYPES = { '1': 'Dial In (Session)', '2': 'Dial Out (Each Call)', '3': 'Dial Out (Session)' } as const;
/** At most this many of a campaign's lead lists may be active (`lead_list_map`). */
export const MAX_ACTIVE_CAMPAIGN_LEAD_LISTS = 3;

const choicesOf = (labels: Record<string, string>) => Object.keys(labels);
const flag = (name: string, label: string, description: string) => body(name, label, 'flag', description);
const seconds = (name: string, label: string, description: string) => body(name, label, 'integer', description, { min: 0 });

/**
 * The fields of a dialer campaign, as Smartflo's pages for adding and updating one list them. The page
 * types many numbers as strings; they are sent as numbers, which Laravel's numeric rules accept. Where
 * the two pages differ, `create` follows the add page: Outbound Caller ID is a list there and one
 * value on the update page, and Queue Timeout is on the add page only. The required fields are the
 * add page's; the update page requires none.
 */
function campaignFields(create: boolean): ParamDefinition[] {
	const required = create ? { required: true } : {};
	return [
		body('name', 'Name', 'text', 'The campaign’s name', required),
		body('description', 'Description', 'text', 'A description'),
		body('dial_method', 'Dial Method', 'text', '1 Preview (the agent sees the lead first), 2 Ratio (leads are dialled for the agents)', {
			...required,
			choices: choicesOf(DIAL_METHODS),
		}),
		seconds(
			'auto_dial_duration',
			'Preview Duration',
			'Seconds a lead is previewed before it is dialled; needed when Dial Method is 1 (Preview)',
		),
		body('dial_ratio', 'Dial Ratio', 'text', 'Leads dialled per free agent; needed when Dial Method is 2 (Ratio)'),
		create
			? body(
					'outbound_caller_id',
					'Outbound Caller ID',
					'integerList',
					'IDs of the account’s numbers (My Number IDs) the campaign calls from',
					{
						required: true,
						min: 1,
					},
				)
			: body(
					'outbound_caller_id',
					'Outbound Caller ID',
					'integer',
					'The ID of the account’s number (My Number ID) the campaign calls from',
					{
						min: 1,
					},
				),
		flag('agent_wise_caller_id', 'Caller ID per Agent', 'Whether each agent gets their own caller ID (Map Agent Caller ID)'),
		body(
			'lead_list_map',
			'Lead Lists',
			'records',
			`The lead lists dialled, each { list_id, list_status } (status 1 active, 0 inactive); at most ${MAX_ACTIVE_CAMPAIGN_LEAD_LISTS} active`,
		),
		flag('agent_wise_lead_list', 'Lead List per Agent', 'Whether each agent gets their own lead list (Map Agent Lead List)'),
		body('list_traversal_order', 'List Traversal Order', 'text', '1 oldest first, 2 newest first, 3 random', {
			choices: choicesOf(LIST_TRAVERSAL_ORDERS),
		}),
		body('agent_script', 'Agent Script', 'text', 'The ID of the script only the agent sees while a lead is dialled'),
		body('disposition_list', 'Disposition List', 'text', 'The ID of the list of short codes agents describe call outcomes with', required),
		body('number_of_retry', 'Retries', 'integer', 'How many times a lead is dialled again (the portal’s Refresh Count)', {
			...required,
			min: 0,
		}),
		body(
			'retry_after_minutes',
			'Retry After (Minutes)',
			'integer',
			'Minutes before a lead is dialled again (the portal’s Refresh Interval)',
			{
				...required,
				min: 1,
			},
		),
		body('auto_disposition_cancel_duration', 'Wrap-Up Time', 'integer', 'Seconds the agent has to dispose of a call', {
			...required,
			min: 0,
		}),
		body(
			'dial_status',
			'Dial Statuses',
			'integerList',
			'The lead statuses dialled: 0 new, 3 not reachable, 9 busy; -1 undisposed, -2 and -3 in the account’s or the public DND list, -4 emergency, -5 call drop, -6 channel limit reached, -7 in the account’s block list, -8 missed by agent, -9 queue missed',
			{ ...required, min: -9 },
		),
		body('time_group', 'Time Group', 'text', 'The ID of the time group the campaign is active in, for all agents'),
		body('time_group_recording', 'Time Group Recording', 'text', 'The ID of the recording played outside the active time'),
		body('ring_timeout', 'Ring Timeout', 'integer', 'Seconds a call rings on each agent before another is tried', { min: 1 }),
		body('quick_transfer_list', 'Quick Transfer List', 'text', 'The ID of the campaign’s quick transfer list'),
		body('account_dnd_list', 'DND List', 'text', 'The ID of the account DND list the campaign honours'),
		flag('hide_lead_details', 'Hide Lead Details', 'Whether the customer’s details are hidden from the agent'),
		flag('update_lead_details', 'Update Lead Details', 'Whether the agent may update the customer’s details'),
		flag('automatic_schedule_call_enabled', 'Automatic Callbacks', 'Whether callbacks may be scheduled automatically'),
		flag('enable_hangup', 'Agent Hang-Up', 'Whether the agent may hang up calls'),
		flag('enable_external_transfer', 'External Transfer', 'Whether calls may be transferred outside the account'),
		seconds('after_call_work_duration', 'After-Call Work', 'Seconds the agent gets after a call ends'),
		flag('enable_web_form', 'Web Form', 'Whether the agent is shown a web form'),
		body('webform_url', 'Web Form URL', 'text', 'The URL of the web form'),
		body('music_on_hold', 'Music on Hold', 'text', 'The ID of the music played while a call connects to an agent'),
		body('ring_strategy', 'Ring Strategy', 'text', '1 random, 2 fewest calls, 3 longest wait time', {
			choices: choicesOf(CAMPAIGN_RING_STRATEGIES),
		}),
		flag('enable_transfer', 'Transfer', 'Whether calls may be transferred'),
		body('manual_lead_list', 'Manual Lead Lists', 'textList', 'IDs of the lead lists for manual dialling; needed when Manual Dial is on'),
		body('break_list', 'Break List', 'text', 'The ID of the list of break (pause) codes agents give'),
		body('map_agent_caller_id', 'Map Agent Caller ID', 'text', 'Each agent’s caller ID, when Caller ID per Agent is on'),
		body('map_agent_lead_list', 'Map Agent Lead List', 'text', 'Each agent’s lead list, when Lead List per Agent is on'),
		body(
			'connect_agent_through',
			'Connect Agent Through',
			'text',
			'1 the agent’s mobile, 2 the extension, 3 the extension first, else the mobile',
			{
				choices: choicesOf(AGENT_CONNECTIONS),
			},
		),
		body('dial_in_type', 'Agent Call Method', 'text', '1 dial in (session), 2 dial out (each call), 3 dial out (session)', {
			choices: choicesOf(DIAL_IN_TYPES),
		}),
		flag('agent_only_callback', 'Agent-Only Callbacks', 'Whether agents may schedule callbacks for themselves in the agent panel'),
		body('agent_dial_in_number', 'Agent Dial-In Number', 'text', 'The number agents dial in to, for Dial In (Session)'),
		body('agent', 'Agents', 'textList', 'IDs of the agents of the campaign (agent.id of the users API)'),
		body('enforce_agent_pause_code', 'Enforce Break Code', 'integer', 'How break codes of the Break List are offered to agents', {
			min: 0,
		}),
		flag('manual_dial_enabled', 'Manual Dial', 'Whether agents may dial numbers by hand in the agent panel'),
		flag('enable_inbound', 'Inbound', 'Whether the campaign also takes inbound calls from a queue'),
		body('inbound_queue', 'Inbound Queue', 'text', 'The ID of the queue of inbound calls; needed when Inbound is on'),
		flag('enable_agent_opt_out', 'Agent Opt-Out', 'Whether agents may leave the inbound queue in the agent panel'),
		body(
			'inbound_lead_list',
			'Inbound Lead List',
			'text',
			'The ID of the lead list inbound callers are added to; needed when Inbound is on',
		),
		flag('enable_auto_answer', 'Auto Answer', 'Whether the agent is connected to calls without answering'),
		seconds('call_qualification_duration', 'Call Qualification', 'Seconds after which a call counts as successful'),
		body('announcement_recording', 'Welcome Recording', 'text', 'The ID of the recording played when a call connects'),
		...(create
			? [seconds('queue_timeout', 'Queue Timeout', 'Seconds a caller may wait in the queue before the call moves on or ends')]
			: []),
	];
}

export const createCampaign: EndpointDefinition = {
	summary: 'Create a dialer campaign: who dials, which lead lists, how and when',
	method: 'POST',
	effect: 'write',
	path: '/v1/dialer/campaign',
	auth: 'bearer',
	params: campaignFields(true),
	response: { kind: 'result' },
	docs: `${DOCS}/v1dialercampaign-1`,
};

export const updateCampaign: EndpointDefinition = {
	summary: 'Change a dialer campaign: only the fields sent change',
	method: 'PUT',
	effect: 'write',
	path: '/v1/dialer/campaign/{id}',
	auth: 'bearer',
	params: [pathId('Campaign ID', 'The ID of the dialer campaign'), ...campaignFields(false)],
	response: { kind: 'result' },
	docs: `${DOCS}/v1dialercampaignid-1`,
};

/** Acts for the user whose token is sent: their agent's session in a campaign, in which the dialer places calls. */
export const sessionCall: EndpointDefinition = {
	summary: 'Start or end the dialer session of the token’s user in a campaign',
	method: 'POST',
	effect: 'call',
	path: '/v1/dialer/session_call',
	auth: 'bearer',
	params: [
		body('startOrEnd', 'Start or End', 'boolean', 'true starts the session, false ends it', { required: true }),
		body('campaignId', 'Campaign ID', 'text', 'The dialer campaign the session is in'),
		body('logout', 'Log Out', 'boolean', 'Whether the agent is also logged out of the dialer when the session ends'),
	],
	response: { kind: 'result' },
	docs: `${DOCS}/v1dialersession_call`,
};

/**
 * Smartflo documents the path and the paging parameters, and a sample answer: `{ count, limit, page,
 * results }`, each note with `_id`, `calldate` (Mongo extended JSON), `call_hint` (inbound, outbound, …),
 * `notes` (`message`, `created_by`, `name`) and `date` (`d-m-Y H:i:s`). Notes are written against calls
 * (`POST /v1/call/note/{id}`).
 */
export const callNotes: EndpointDefinition = {
	summary: 'List the notes agents wrote on the calls with a customer number, newest first',
	method: 'GET',
	effect: 'read',
	path: '/v1/call/notes/{client_number}',
	auth: 'bearer',
	params: [
		{
			name: 'client_number',
			label: 'Customer Number',
			in: 'path',
			type: 'phoneNumber',
			required: true,
			description: 'The customer’s number, as in the call records (e.g. 9876543210)',
		},
	],
	response: { kind: 'list', at: 'results', pagination: { style: 'page', pageSize: 100 } },
	docs: `${DOCS}/v1callnotesclient_number`,
};
