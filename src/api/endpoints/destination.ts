import { EndpointInputError } from './request';

/**
 * Where Smartflo sends a call, written `type||id` (`agent||0502842370097`, `ivr||301`, `hangup||1`):
 * the destination of a number (`PUT /v1/my_number/{id}`) and of a broadcast.
 */
export const DESTINATION_TYPES = {
	agent: { label: 'Agent', target: 'the agent ID' },
	ivr: { label: 'IVR', target: 'the IVR ID' },
	department: { label: 'Department', target: 'the department ID' },
	auto_attend: { label: 'Auto Attendant', target: 'the auto attendant ID' },
	time_condition: { label: 'Time Condition', target: 'the time condition ID' },
	api_dialplan: { label: 'API Dialplan', target: 'the API dialplan ID' },
	custom_dialplan: { label: 'Custom Dialplan', target: 'the custom dialplan name' },
	hangup: { label: 'Hang Up', target: undefined },
} as const;

export type DestinationType = keyof typeof DESTINATION_TYPES;

/** Smartflo's fixed target of the hang-up destination. */
const HANGUP_TARGET = '1';

function isDestinationType(value: unknown): value is DestinationType {
	return typeof value === 'string' && Object.hasOwn(DESTINATION_TYPES, value);
}

/** `type||target`; throws EndpointInputError for an unknown type or a missing or malformed target. */
export function encodeDestination(type: unknown, target: unknown): string {
	if (!isDestinationType(type)) {
		throw new EndpointInputError(
			'destination',
			`Destination Type "${String(type).slice(0, 40)}" is not one Smartflo knows`,
			`Use one of ${Object.keys(DESTINATION_TYPES).join(', ')}.`,
		);
	}
	const { label, target: wanted } = DESTINATION_TYPES[type];
	if (wanted === undefined) return `${type}||${HANGUP_TARGET}`;
	const text = typeof target === 'number' ? String(target) : typeof target === 'string' ? target.trim() : '';
	if (text === '')
		throw new EndpointInputError(
			'destination',
			`The ${label} destination needs ${wanted}`,
			`Choose the ${label.toLowerCase()} the calls go to.`,
		);
	if (text.includes('||'))
		throw new EndpointInputError(
			'destination',
			`The ${label} destination must be ${wanted}, not a "type||id" value`,
			'Choose the destination type and its target separately.',
		);
	return `${type}||${text}`;
}
