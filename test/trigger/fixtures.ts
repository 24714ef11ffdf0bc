/**
 * Payloads shaped like the ones integrators captured from Smartflo (docs/smartflo-webhooks.md#payloads), with the
 * `event` field the node's body templates add: strings everywhere, "" for nothing, placeholders Smartflo
 * did not resolve, and the key with a trailing space.
 */
export const MISSED_HANGUP = Object.freeze({
	event: 'call_hangup_missed',
	uuid: '5b0f9a52-6d0e-4c61-9f3e-1b2a7c4d8e90',
	call_id: 'HYD1-D4-1790798403.486134',
	ref_id: '$ref_id',
	custom_identifier: '',
	call_to_number: '918069123456',
	caller_id_number: '+919876543210',
	'customer_no_with_prefix ': '+919876543210',
	direction: 'inbound',
	call_status: 'missed',
	status: 'Missed',
	start_stamp: '2026-09-21 10:15:00',
	answer_stamp: '',
	end_stamp: '2026-09-21 10:15:32',
	duration: '32',
	billsec: '0',
	outbound_sec: '0',
	agent_ring_time: '28',
	customer_ring_time: '0',
	agent_transfer_ring_time: '0',
	answered_agent: '',
	answered_agent_name: '',
	answered_agent_number: '',
	missed_agent: [{ id: '0502842370097', name: 'Priya Sharma', number: '+919812345678', agent_number: '9812345678' }],
	call_flow: [
		{ type: 'init', num: '918069123456', name: 'Init', dialst: '', time: '1790798400' },
		{ type: 'Agent', num: '+919812345678', name: 'Priya Sharma', dialst: 'NOANSWER', time: '1790798428' },
		{ type: 'hangup', num: '', name: 'Hangup', dialst: '', time: '1790798432' },
	],
	digits_dialed: '0042',
	recording_url: '',
	recording_name: '$recording_name',
	call_connected: '0',
	billing_circle: { operator: 'Airtel', circle: 'Karnataka' },
	campaign_id: '$campaign_id',
	campaign_name: '$campaign_name',
	hangup_cause_key: 'NO_ANSWER',
	hangup_cause_code: '19',
	hangup_cause_description: 'No answer',
});

export const ANSWERED_HANGUP = Object.freeze({
	...MISSED_HANGUP,
	event: 'call_hangup_answered',
	call_status: 'answered',
	status: 'Answered',
	answer_stamp: '2026-09-21 10:15:06',
	end_stamp: '2026-09-21 10:17:20',
	duration: '140',
	billsec: '134',
	answered_agent: { id: '0502842370097', name: 'Priya Sharma', number: '+919812345678' },
	answered_agent_name: 'Priya Sharma',
	answered_agent_number: '+919812345678',
	missed_agent: '',
	recording_url:
		'https://cloudphone.tatateleservices.com/file/recording?callId=HYD1-D4-1790798403.486134&type=rec&token=SIGNEDrecordingTOKEN1234567890',
	call_connected: '1',
	hangup_cause_key: 'NORMAL_CLEARING',
	hangup_cause_code: '16',
});

export const ANSWERED_BY_AGENT = Object.freeze({
	event: 'call_answered_by_agent',
	uuid: MISSED_HANGUP.uuid,
	call_id: MISSED_HANGUP.call_id,
	ref_id: '',
	custom_identifier: '',
	call_to_number: '918069123456',
	caller_id_number: '+919876543210',
	answer_agent_number: '+919812345678',
	start_stamp: '2026-09-21 10:15:00',
	direction: 'inbound',
	call_status: 'answered',
	status: 'Answered',
	billing_circle: { operator: 'Airtel', circle: 'Karnataka' },
});

export const DTMF = Object.freeze({
	event: 'dtmf_option',
	uuid: MISSED_HANGUP.uuid,
	call_id: MISSED_HANGUP.call_id,
	call_to_number: '918069123456',
	caller_id_number: '+919876543210',
	digit_pressed: '1',
	date: '2026-09-21 10:15:04',
});

/** A payload of another call: every id differs. */
export function otherCall<T extends Record<string, unknown>>(payload: T, index: number): T {
	return {
		...payload,
		uuid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		call_id: `1790798403.${String(index).padStart(6, '0')}`,
	};
}
