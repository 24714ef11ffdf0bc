/**
 * Smartflo's webhook triggers (API Connect → Webhook → Trigger), in the portal's order, and the
 * `$variables` each one can put in a request body (docs/smartflo-webhooks.md#payloads). Smartflo's payloads do not
 * name their trigger, so every body template carries an `event` field with the trigger's id.
 */
interface TriggerDetails {
	/** Exactly as the Smartflo portal lists it. */
	name: string;
	description: string;
	/** Smartflo variables for the body template, without the `$`. */
	variables: readonly string[];
	/**
	 * Whether the trigger fires at most once per call (a hangup, the call reaching the server). Others can
	 * fire several times in one call with different content (each DTMF digit, each agent dialed), so
	 * duplicate detection also compares their content.
	 */
	oncePerCall: boolean;
}

/** The field every body template adds, naming the trigger. */
export const EVENT_FIELD = 'event';

/** The ids Smartflo gives a call; together they tell one call's deliveries from another's. */
export const CALL_ID_FIELDS = ['uuid', 'call_id', 'ref_id'] as const;
/** Every id a payload carries: Smartflo's and the caller's own (Click to Call's `custom_identifier`). */
export const ID_FIELDS = [...CALL_ID_FIELDS, 'custom_identifier'] as const;
/** How long parts of a call took, in seconds (Smartflo sends numeric strings, or HH:MM:SS). */
export const DURATION_FIELDS = [
	'duration',
	'billsec',
	'outbound_sec',
	'agent_ring_time',
	'customer_ring_time',
	'agent_transfer_ring_time',
] as const;
const PARTIES = ['call_to_number', 'caller_id_number', 'customer_no_with_prefix'] as const;

const ARRIVAL = [...ID_FIELDS, ...PARTIES, 'direction', 'start_stamp', 'billing_circle'] as const;

const ANSWER = [
	...ID_FIELDS,
	...PARTIES,
	'direction',
	'call_status',
	'status',
	'answer_agent_number',
	'start_stamp',
	'answer_stamp',
	'billing_circle',
] as const;

const DIALER = ['campaign_id', 'campaign_name', 'broadcast_lead_fields'] as const;

const HANGUP = [
	...ID_FIELDS,
	...PARTIES,
	'direction',
	'call_status',
	'status',
	'start_stamp',
	'answer_stamp',
	'end_stamp',
	...DURATION_FIELDS,
	'answered_agent',
	'answered_agent_name',
	'answered_agent_number',
	'missed_agent',
	'call_flow',
	'digits_dialed',
	'recording_url',
	'recording_name',
	'aws_call_recording_identifier',
	'call_connected',
	'billing_circle',
	...DIALER,
	'reason_key',
	'hangup_cause',
	'hangup_cause_key',
	'hangup_cause_code',
	'hangup_cause_description',
] as const;

const DTMF = [...CALL_ID_FIELDS, ...PARTIES, 'direction', 'digit_pressed', 'date'] as const;

/** Each trigger by its id, in the portal's order. */
const TRIGGERS = {
	call_received_on_server: {
		name: 'Call received on Server',
		description: 'An inbound call reaches Smartflo',
		variables: ARRIVAL,
		oncePerCall: true,
	},
	call_answered_on_ivr: { name: 'Call answered on IVR', description: 'An IVR answers the call', variables: ARRIVAL, oncePerCall: false },
	call_answered_by_agent: { name: 'Call answered by Agent', description: 'An agent picks up', variables: ANSWER, oncePerCall: false },
	call_hangup_missed: {
		name: 'Call hangup (Missed)',
		description: 'A call ends without being answered',
		variables: HANGUP,
		oncePerCall: true,
	},
	call_hangup_answered: { name: 'Call hangup (Answered)', description: 'An answered call ends', variables: HANGUP, oncePerCall: true },
	call_hangup_missed_or_answered: {
		name: 'Call hangup (Missed or Answered)',
		description: 'Any call ends',
		variables: HANGUP,
		oncePerCall: true,
	},
	dtmf_option: { name: 'DTMF Option', description: 'The caller presses a key in an IVR', variables: DTMF, oncePerCall: false },
	dialed_on_agent: {
		name: 'Dialed on Agent',
		description: 'An agent’s phone starts ringing',
		variables: [...ARRIVAL, 'answer_agent_number'],
		oncePerCall: false,
	},
	call_received_on_department: {
		name: 'Call received on Department',
		description: 'The call reaches a department',
		variables: ARRIVAL,
		oncePerCall: false,
	},
	call_received_on_auto_attendant: {
		name: 'Call received on Auto Attendant',
		description: 'The call reaches an auto attendant',
		variables: ARRIVAL,
		oncePerCall: false,
	},
	call_answered_by_agent_hangup: {
		name: 'Call answered by Agent (Hangup)',
		description: 'A call an agent answered ends',
		variables: HANGUP,
		oncePerCall: true,
	},
	call_missed_by_agent_hangup: {
		name: 'Call missed by Agent (Hangup)',
		description: 'A call the agents missed ends',
		variables: HANGUP,
		oncePerCall: true,
	},
	click_to_call_answered_by_customer: {
		name: 'Call answered by Customer (Click to call)',
		description: 'The customer answers a click-to-call',
		variables: ANSWER,
		oncePerCall: true,
	},
	click_to_call_missed_by_customer: {
		name: 'Call missed by Customer (Click to Call)',
		description: 'The customer does not answer a click-to-call',
		variables: HANGUP,
		oncePerCall: true,
	},
	dialer_disposition_status_updated: {
		name: 'Disposition Status Updated (Dialer)',
		description: 'An agent sets a dialer call’s disposition',
		variables: [...ANSWER, ...DIALER, 'end_stamp'],
		oncePerCall: false,
	},
	dialer_call_connected_to_agent: {
		name: 'Call Connected to Agent (Dialer)',
		description: 'A dialer call is connected to an agent',
		variables: [...ANSWER, ...DIALER],
		oncePerCall: true,
	},
	session_call_answered: {
		name: 'Session Call Answered',
		description: 'An agent’s dialer session call is answered',
		variables: ANSWER,
		oncePerCall: true,
	},
} as const satisfies Record<string, TriggerDetails>;

export type SmartfloTriggerId = keyof typeof TRIGGERS;

export interface SmartfloTrigger extends TriggerDetails {
	id: SmartfloTriggerId;
}

export const SMARTFLO_TRIGGERS: readonly SmartfloTrigger[] = Object.freeze(
	(Object.entries(TRIGGERS) as [SmartfloTriggerId, TriggerDetails][]).map(([id, details]) =>
		Object.freeze({ id, ...details, variables: Object.freeze([...details.variables]) }),
	),
);

const BY_ID = new Map<string, SmartfloTrigger>(SMARTFLO_TRIGGERS.map((entry) => [entry.id, entry]));
const BY_NAME = new Map<string, SmartfloTrigger>(SMARTFLO_TRIGGERS.map((entry) => [entry.name.toLowerCase(), entry]));

/** A trigger by its id (`call_hangup_missed`) or its portal name in any case (`Call hangup (Missed)`). */
export function findTrigger(idOrName: string): SmartfloTrigger | undefined {
	const text = idOrName.trim();
	return BY_ID.get(text) ?? BY_NAME.get(text.toLowerCase());
}
