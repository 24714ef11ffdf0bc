import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_FREE_OPERATIONS, properties } from './actions/resources';
import { DEFAULT_NODE_VERSION, NODE_VERSIONS } from './actions/common/pickers';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class Smartflo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smartflo',
		name: 'smartflo',
		icon: { light: 'file:smartflo.svg', dark: 'file:smartflo.dark.svg' },
		group: ['transform'],
		// Version 2 picks agents, numbers, lists and the like with resource locators; version 1 keeps 0.2.0's dropdowns.
		version: NODE_VERSIONS,
		defaultVersion: DEFAULT_NODE_VERSION,
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

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
