import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { callEndpoint } from '../../transport';
import { showFor } from '../common/operation';
import { campaignValues, mainFields, optionalFields, outboundCallerIdPicker } from './campaignFields';

const show = (extra = {}) => showFor('dialer', 'createCampaign', extra);

const required = (property: INodeProperties, extra = {}): INodeProperties => ({ ...property, required: true, displayOptions: show(extra) });

export const description: INodeProperties[] = [
	required(mainFields.name),
	required(mainFields.dialMethod),
	required(mainFields.previewDuration, { dialMethod: ['1'] }),
	required(mainFields.dialRatio, { dialMethod: ['2'] }),
	...outboundCallerIdPicker(show()),
	required(mainFields.dispositionList),
	required(mainFields.retries),
	required(mainFields.retryAfterMinutes),
	required(mainFields.wrapUpSeconds),
	{ ...required(mainFields.dialStatuses), default: [0] },
	{ ...mainFields.leadLists, displayOptions: show() },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(),
		options: optionalFields({ create: true }),
	},
];

/**
 * `POST /v1/dialer/campaign`. Outputs Smartflo's answer (`success`, `message`; the sandbox adds
 * `campaign_id`, which Smartflo's page does not document).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const preview = this.getNodeParameter('dialMethod', itemIndex) === '1';
	const names = [
		'name',
		'dialMethod',
		preview ? 'previewDuration' : 'dialRatio',
		'outboundCallerId',
		'dispositionList',
		'retries',
		'retryAfterMinutes',
		'wrapUpSeconds',
		'dialStatuses',
		'leadLists',
	];
	const main = Object.fromEntries(names.map((name) => [name, this.getNodeParameter(name, itemIndex)])) as IDataObject;
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const values = {
		...campaignValues.call(this, main, itemIndex),
		...campaignValues.call(this, additional, itemIndex, 'additionalFields'),
	};
	return (await callEndpoint.call(this, SMARTFLO_ENDPOINTS.dialer.createCampaign, values, itemIndex)) as IDataObject;
}
