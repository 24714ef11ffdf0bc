import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readConfig } from './trigger/config';
import { properties } from './trigger/description';
import { handleDelivery } from './trigger/webhook';

/** The webhook path: the URLs are <n8n>/webhook/<node's webhook id>/smartflo (and /webhook-test/… while testing). */
const WEBHOOK_PATH = 'smartflo';

export class SmartfloTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smartflo Trigger',
		name: 'smartfloTrigger',
		icon: { light: 'file:smartflo.svg', dark: 'file:smartflo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow on Tata Tele Business Smartflo call events: missed, answered, hangup, DTMF and more',
		defaults: { name: 'Smartflo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: WEBHOOK_PATH },
			// Smartflo can also be set to GET, with the payload in the query string, and may ping the URL with a GET.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: WEBHOOK_PATH },
		],
		properties,
	};

	/**
	 * Smartflo has no webhook-management API: the user pastes the URL into the portal. Activation only
	 * checks that the trigger can authenticate deliveries, and there is nothing to create or delete.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const read = readConfig(this);
				if (!read.ok) throw new NodeOperationError(this.getNode(), read.problem);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
