import type { INodeProperties } from 'n8n-workflow';

import { SECRET_RULES } from '../../../src/webhooks/secret';
import { bodyTemplateText } from '../../../src/webhooks/templates';
import { SMARTFLO_TRIGGERS } from '../../../src/webhooks/triggers';
import { timeZoneOption } from '../actions/common/timeZone';
import { ANY_EVENT, EVENT_OPTIONS } from './events';

export const DEFAULT_DUPLICATE_WINDOW_SECONDS = 600;
export const DEFAULT_SECRET_PARAMETER = 'secret';
export const DEFAULT_SECRET_HEADER = 'X-Smartflo-Secret';

const SETUP_NOTICE =
	'Smartflo has no API to register webhooks, so add each one by hand: in the Smartflo portal open <b>API Connect → Webhook → Add Webhook</b>, ' +
	'choose the <b>Trigger</b>, paste the <b>Production URL</b> shown above as the URL (the Test URL while you build the workflow), ' +
	'choose <b>POST</b> (GET works too) and paste the trigger’s body template below as the <b>Request</b> body. ' +
	'Its <code>event</code> field tells the events apart: Smartflo’s payloads do not name their trigger.';

const templateNotices: INodeProperties[] = SMARTFLO_TRIGGERS.map((trigger) => ({
	displayName: `Body for “${trigger.name}”: <code>${bodyTemplateText(trigger)}</code>`,
	name: `bodyTemplate_${trigger.id}`,
	type: 'notice',
	default: '',
	displayOptions: { show: { events: [trigger.id] } },
}));

export const properties: INodeProperties[] = [
	{
		displayName: SETUP_NOTICE,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [ANY_EVENT],
		required: true,
		description:
			'The Smartflo triggers that start the workflow. Other deliveries are answered 200 and start nothing. A body without an <code>event</code> field matches only Any Event.',
	},
	{
		displayName: 'Secret Sent In',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Query Parameter', value: 'queryParameter', description: 'Append ?secret=… to the URL you paste into Smartflo' },
			{ name: 'Header', value: 'header', description: 'Add a header to the webhook in the Smartflo portal' },
		],
		default: 'queryParameter',
		description: 'Smartflo cannot sign its webhooks, so every delivery must carry this shared secret',
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: `A long random string, for example the output of <code>openssl rand -hex 32</code>. In the query parameter: ${SECRET_RULES.queryParameter}. In a header: ${SECRET_RULES.header}. Deliveries without it get 401, with another one 403.`,
	},
	{
		displayName: 'Parameter Name',
		name: 'parameterName',
		type: 'string',
		default: DEFAULT_SECRET_PARAMETER,
		description: 'The query parameter that carries the secret: paste the URL as https://…/webhook?secret=YOUR_SECRET',
		displayOptions: { show: { authentication: ['queryParameter'] } },
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: DEFAULT_SECRET_HEADER,
		description: 'The header that carries the secret, as configured on the webhook in the Smartflo portal',
		displayOptions: { show: { authentication: ['header'] } },
	},
	...templateNotices,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Duplicate Window (Seconds)',
				name: 'duplicateWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_DUPLICATE_WINDOW_SECONDS,
				description:
					'A delivery of the same event for the same call (same uuid, call_id and ref_id) within this time starts no second execution. 0 turns the check off.',
			},
			{
				...timeZoneOption,
				description: 'The Smartflo account’s time zone (IANA name). Smartflo’s time stamps carry no zone; they are read in this one.',
			},
		],
	},
];
