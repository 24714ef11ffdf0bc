import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_FREE_OPERATIONS, properties } from './actions/resources';
import { router } from './actions/router';
import { loadOptions } from './methods';

export class Smartflo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smartflo',
		name: 'smartflo',
		icon: { light: 'file:smartflo.svg', dark: 'file:smartflo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Calls, call control and recordings, broadcasts and leads, users, numbers, departments, IVRs, dialer callbacks and tokens in Tata Tele Business Smartflo',
		defaults: { name: 'Smartflo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smartfloApi',
				required: true,
				displayOptions: { hide: { operation: CREDENTIAL_FREE_OPERATIONS } },
			},
		],
		properties,
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
