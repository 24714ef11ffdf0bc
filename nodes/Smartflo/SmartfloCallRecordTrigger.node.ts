import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from './methods';
import { properties } from './polling/description';
import { pollCallRecords } from './polling/poll';

export class SmartfloCallRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smartflo Call Record Trigger',
		name: 'smartfloCallRecordTrigger',
		icon: { light: 'file:smartflo.svg', dark: 'file:smartflo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow on new Tata Tele Business Smartflo call records: any call, missed or answered calls, recordings. Polls Smartflo, so no webhook set-up is needed.',
		defaults: { name: 'Smartflo Call Record Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartfloApi', required: true }],
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCallRecords.call(this);
	}
}
