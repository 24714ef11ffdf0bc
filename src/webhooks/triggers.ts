/**
 * Smartflo's webhook triggers (API Connect → Webhook → Trigger), in the portal's order, and the
 * `$variables` each one can put in a request body (shared/SMARTFLO-API.md §4). Smartflo's payloads do not
 * name their trigger, so every body template carries an `event` field with the trigger's id.
 */
export type SmartfloTriggerId =
	| 'call_received_on_server'
	| 'call_answered_on_ivr'
	| 'call_answered_by_agent'
	| 'call_hangup_missed'
	| 'call_hangup_answered'
	| 'call_hangup_missed_or_answered'
	| 'dtmf_option'
	| 'dialed_on_agent'
	| 'call_received_on_department'
	| 'call_received_on_auto_attendant'
	| 'call_answered_by_agent_hangup'
	| 'call_missed_by_agent_hangup'
	| 'click_to_call_answered_by_customer'
	| 'click_to_call_missed_by_customer'
	| 'dialer_disposition_status_updated'
	| 'dialer_call_connected_to_agent'
	| 'session_call_answered';

export interface SmartfloTrigger {
	id: SmartfloTriggerId;
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
export const DURATION_FIELDS = ['duration', 'billsec', 'outbound_sec', 'agent_ring_time', 'customer_ring_time', 'agent_transfer_ring_time'] as const;
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

function trigger(id: SmartfloTriggerId, name: string, description: string, variables: readonly string[], oncePerCall: boolean): SmartfloTrigger {
	return Object.freeze({ id, name, description, variables: Object.freeze([...variables]), oncePerCall });
}

export const SMARTFLO_TRIGGERS: readonly SmartfloTrigger[] = Object.freeze([
	trigger('call_received_on_server', 'Call received on Server', 'An inbound call reaches Smartflo', ARRIVAL, true),
	trigger('call_answered_on_ivr', 'Call answered on IVR', 'An IVR answers the call', ARRIVAL, false),
	trigger('call_answered_by_agent', 'Call answered by Agent', 'An agent picks up', ANSWER, false),
	trigger('call_hangup_missed', 'Call hangup (Missed)', 'A call ends without being answered', HANGUP, true),
	trigger('call_hangup_answered', 'Call hangup (Answered)', 'An answered call ends', HANGUP, true),
	trigger('call_hangup_missed_or_answered', 'Call hangup (Missed or Answered)', 'Any call ends', HANGUP, true),
	trigger('dtmf_option', 'DTMF Option', 'The caller presses a key in an IVR', DTMF, false),
	trigger('dialed_on_agent', 'Dialed on Agent', 'An agent’s phone starts ringing', [...ARRIVAL, 'answer_agent_number'], false),
	trigger('call_received_on_department', 'Call received on Department', 'The call reaches a department', ARRIVAL, false),
	trigger('call_received_on_auto_attendant', 'Call received on Auto Attendant', 'The call reaches an auto attendant', ARRIVAL, false),
	trigger('call_answered_by_agent_hangup', 'Call answered by Agent (Hangup)', 'A call an agent answered ends', HANGUP, true),
	trigger('call_missed_by_agent_hangup', 'Call missed by Agent (Hangup)', 'A call the agents missed ends', HANGUP, true),
	trigger('click_to_call_answered_by_customer', 'Call answered by Customer (Click to call)', 'The customer answers a click-to-call', ANSWER, true),
	trigger('click_to_call_missed_by_customer', 'Call missed by Customer (Click to Call)', 'The customer does not answer a click-to-call', HANGUP, true),
	trigger('dialer_disposition_status_updated', 'Disposition Status Updated (Dialer)', 'An agent sets a dialer call’s disposition', [...ANSWER, ...DIALER, 'end_stamp'], false),
	trigger('dialer_call_connected_to_agent', 'Call Connected to Agent (Dialer)', 'A dialer call is connected to an agent', [...ANSWER, ...DIALER], true),
	trigger('session_call_answered', 'Session Call Answered', 'An agent’s dialer session call is answered', ANSWER, true),
]);

const BY_ID = new Map<string, SmartfloTrigger>(SMARTFLO_TRIGGERS.map((entry) => [entry.id, entry]));
const BY_NAME = new Map<string, SmartfloTrigger>(SMARTFLO_TRIGGERS.map((entry) => [entry.name.toLowerCase(), entry]));

/** A trigger by its id (`call_hangup_missed`) or its portal name in any case (`Call hangup (Missed)`). */
export function findTrigger(idOrName: string): SmartfloTrigger | undefined {
	const text = idOrName.trim();
	return BY_ID.get(text) ?? BY_NAME.get(text.toLowerCase());
}
