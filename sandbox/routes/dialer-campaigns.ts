import type { ApiRoute, SandboxState } from '../context';
import type { CampaignLeadList, CampaignValue, DialerCampaign } from '../dialer';
import { numericId } from '../query-params';
import { ok, refused } from '../replies';
import { Validator, isBlank, type Input } from '../validation';

const MAX_ACTIVE_LEAD_LISTS = 3;
const NOT_FOUND = 'Campaign not found';

/** The fields the add page marks as mandatory; the update page has none. */
const REQUIRED_ON_CREATE = [
	'name',
	'dial_method',
	'outbound_caller_id',
	'disposition_list',
	'number_of_retry',
	'retry_after_minutes',
	'auto_disposition_cancel_duration',
	'dial_status',
] as const;

type Rule = { kind: 'text' } | { kind: 'choice'; choices: readonly string[] } | { kind: 'integer'; min: number } | { kind: 'flag' };

const text = { kind: 'text' } as const;
const flag = { kind: 'flag' } as const;
const atLeast = (min: number) => ({ kind: 'integer', min }) as const;
const oneOf = (...choices: string[]) => ({ kind: 'choice', choices }) as const;

/**
 * The fields read by rule alone. Outbound caller IDs, lead lists, agents, the time group and the
 * manual lead lists are read below, as they must exist in the account.
 */
const RULES: Record<string, Rule> = {
	name: text,
	description: text,
	dial_method: oneOf('1', '2'),
	auto_dial_duration: atLeast(0),
	dial_ratio: text,
	agent_wise_caller_id: flag,
	agent_wise_lead_list: flag,
	list_traversal_order: oneOf('1', '2', '3'),
	agent_script: text,
	disposition_list: text,
	number_of_retry: atLeast(0),
	retry_after_minutes: atLeast(1),
	auto_disposition_cancel_duration: atLeast(0),
	time_group_recording: text,
	ring_timeout: atLeast(1),
	quick_transfer_list: text,
	account_dnd_list: text,
	hide_lead_details: flag,
	update_lead_details: flag,
	automatic_schedule_call_enabled: flag,
	enable_hangup: flag,
	enable_external_transfer: flag,
	after_call_work_duration: atLeast(0),
	enable_web_form: flag,
	webform_url: text,
	music_on_hold: text,
	ring_strategy: oneOf('1', '2', '3'),
	enable_transfer: flag,
	break_list: text,
	map_agent_caller_id: text,
	map_agent_lead_list: text,
	connect_agent_through: oneOf('1', '2', '3'),
	dial_in_type: oneOf('1', '2', '3'),
	agent_only_callback: flag,
	agent_dial_in_number: text,
	enforce_agent_pause_code: atLeast(0),
	manual_dial_enabled: flag,
	enable_inbound: flag,
	inbound_queue: text,
	enable_agent_opt_out: flag,
	inbound_lead_list: text,
	enable_auto_answer: flag,
	call_qualification_duration: atLeast(0),
	announcement_recording: text,
	queue_timeout: atLeast(0),
};

/** Fields needed when another has a value (Laravel's `required_if`). */
const REQUIRED_IF: Array<{ field: string; when: string; is: CampaignValue; as: string }> = [
	{ field: 'auto_dial_duration', when: 'dial_method', is: '1', as: '1' },
	{ field: 'dial_ratio', when: 'dial_method', is: '2', as: '2' },
	{ field: 'manual_lead_list', when: 'manual_dial_enabled', is: 1, as: '1' },
	{ field: 'inbound_queue', when: 'enable_inbound', is: 1, as: '1' },
	{ field: 'inbound_lead_list', when: 'enable_inbound', is: 1, as: '1' },
];

export const createCampaignRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/dialer/campaign',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		for (const field of REQUIRED_ON_CREATE) input.requirePresence(field);
		const fields = readFields(state, input, body, undefined);
		if (input.failed) return input.reply();
		const created = state.dialer.addCampaign(fields);
		return ok({ success: true, message: 'Dialer campaign created successfully', campaign_id: created.id });
	},
};

/** Changes the fields sent; the others keep their values. An unknown campaign is refused with HTTP 200. */
export const updateCampaignRoute: ApiRoute = {
	method: 'PUT',
	path: '/v1/dialer/campaign/{id}',
	auth: 'bearer',
	handle({ state, params, body }) {
		const campaign = state.dialer.campaign(numericId(params.id));
		if (!campaign) return refused(NOT_FOUND);
		const input = new Validator(body);
		const fields = readFields(state, input, body, campaign);
		if (input.failed) return input.reply();
		state.dialer.updateCampaign(campaign, fields);
		return ok({ success: true, message: 'Dialer campaign updated successfully' });
	},
};

/** The fields present in the body, checked; `current` is the campaign an update changes. */
function readFields(
	state: SandboxState,
	input: Validator,
	body: Input,
	current: DialerCampaign | undefined,
): Record<string, CampaignValue> {
	const fields: Record<string, CampaignValue> = {};
	const set = (field: string, value: CampaignValue | undefined) => {
		if (value !== undefined) fields[field] = value;
	};
	for (const [field, rule] of Object.entries(RULES)) {
		if (isBlank(body[field])) continue;
		switch (rule.kind) {
			case 'text':
				set(field, input.optionalText(field));
				break;
			case 'choice':
				set(field, input.optionalChoice(field, rule.choices));
				break;
			case 'integer':
				set(field, input.optionalInteger(field, { min: rule.min }));
				break;
			case 'flag': {
				const value = input.optionalBoolean(field);
				set(field, value === undefined ? undefined : Number(value));
				break;
			}
		}
	}
	const { directory, campaigns } = state;
	const callerIds = input.optionalIntegerList('outbound_caller_id', { min: 1 }, true);
	callerIds?.forEach((id, index) => {
		if (!directory.didByIdOrUndefined(id))
			input.invalid(`outbound_caller_id.${index}`, `The selected outbound caller id.${index} is invalid.`);
	});
	set('outbound_caller_id', callerIds);
	set('dial_status', input.optionalIntegerList('dial_status', { min: -9 }, true));
	const agents = input.optionalTextList('agent');
	agents?.forEach((agentId, index) => {
		if (!directory.agentById(agentId)) input.invalid(`agent.${index}`, `The selected agent.${index} is invalid.`);
	});
	set('agent', agents);
	const manualLists = input.optionalTextList('manual_lead_list');
	manualLists?.forEach((listId, index) => {
		if (!campaigns.leadList(numericId(listId)))
			input.invalid(`manual_lead_list.${index}`, `The selected manual lead list.${index} is invalid.`);
	});
	set('manual_lead_list', manualLists);
	const inboundList = fields.inbound_lead_list;
	if (typeof inboundList === 'string' && !campaigns.leadList(numericId(inboundList)))
		input.invalid('inbound_lead_list', 'The selected inbound lead list is invalid.');
	const timeGroup = input.optionalText('time_group');
	if (timeGroup !== undefined && !directory.timeGroups.some((group) => group.id === numericId(timeGroup)))
		input.invalid('time_group', 'The selected time group is invalid.');
	set('time_group', timeGroup);
	set('lead_list_map', readLeadLists(state, input, body.lead_list_map));

	const name = fields.name;
	const taken = state.dialer
		.campaigns()
		.some((campaign) => campaign !== current && String(campaign.fields.name).toLowerCase() === String(name).toLowerCase());
	if (typeof name === 'string' && taken) input.invalid('name', 'The name has already been taken.');
	const merged = { ...current?.fields, ...fields };
	for (const { field, when, is, as } of REQUIRED_IF) {
		if (merged[when] === is && merged[field] === undefined)
			input.invalid(field, `The ${field.replace(/_/g, ' ')} field is required when ${when.replace(/_/g, ' ')} is ${as}.`);
	}
	return fields;
}

/** `lead_list_map`: `[{ list_id, list_status }]`, lists of the account, at most three of them active (status 1). */
function readLeadLists(state: SandboxState, input: Validator, value: unknown): CampaignLeadList[] | undefined {
	if (isBlank(value)) return undefined;
	if (!Array.isArray(value)) {
		input.invalid('lead_list_map', 'The lead list map must be an array.');
		return undefined;
	}
	const lists: CampaignLeadList[] = [];
	value.forEach((entry: unknown, index) => {
		const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Input) : {};
		const listId = numericId(String(record.list_id ?? '').trim());
		const status = String(record.list_status ?? '').trim();
		if (!state.campaigns.leadList(listId))
			input.invalid(`lead_list_map.${index}.list_id`, `The selected lead list map.${index}.list id is invalid.`);
		else if (status !== '0' && status !== '1')
			input.invalid(`lead_list_map.${index}.list_status`, `The selected lead list map.${index}.list status is invalid.`);
		else lists.push({ listId, status: status === '1' ? 1 : 0 });
	});
	if (lists.filter((list) => list.status === 1).length > MAX_ACTIVE_LEAD_LISTS)
		input.invalid('lead_list_map', `The lead list map may not have more than ${MAX_ACTIVE_LEAD_LISTS} active lead lists.`);
	return lists;
}
