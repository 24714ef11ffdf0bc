import { randomUUID } from 'node:crypto';

import type { CredentialReference } from './sandbox-credential';

/** Workflows for the suites that run `n8n start`, built in code so each test gets its own webhook id. */
export interface TriggerWorkflow {
	workflow: { name: string; nodes: unknown[]; connections: unknown; settings?: Record<string, unknown> };
	/** The production URL to paste into Smartflo (without the secret). */
	productionUrl(n8nUrl: string): string;
}

export const TRIGGER_NODE = 'Smartflo Trigger';
const PACKAGE = 'n8n-nodes-smartflo';

export interface TriggerWorkflowOptions {
	/** What follows the trigger: No Operation (each execution records the items), or Stop and Error (each execution fails). */
	then?: 'record' | 'fail';
	/** The workflow's Error Workflow (settings.errorWorkflow): n8n runs it for each failed execution. */
	errorWorkflow?: string;
}

/** Smartflo Trigger → No Operation (or Stop and Error): each execution records the trigger's items. */
export function triggerWorkflow(name: string, parameters: Record<string, unknown>, options: TriggerWorkflowOptions = {}): TriggerWorkflow {
	const webhookId = randomUUID();
	const next =
		options.then === 'fail'
			? { name: 'Fail', type: 'n8n-nodes-base.stopAndError', parameters: { errorMessage: 'Every execution of this workflow fails' } }
			: { name: 'Record', type: 'n8n-nodes-base.noOp', parameters: {} };
	return {
		workflow: {
			name,
			nodes: [
				{
					id: randomUUID(),
					name: TRIGGER_NODE,
					type: `${PACKAGE}.smartfloTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters,
				},
				{ id: randomUUID(), typeVersion: 1, position: [220, 0], ...next },
			],
			connections: { [TRIGGER_NODE]: { main: [[{ node: next.name, type: 'main', index: 0 }]] } },
			...(options.errorWorkflow === undefined ? {} : { settings: { executionOrder: 'v1', errorWorkflow: options.errorWorkflow } }),
		},
		productionUrl: (n8nUrl) => `${n8nUrl}/webhook/${webhookId}/smartflo`,
	};
}

/** Error Trigger → No Operation: a workflow's Error Workflow, whose executions count the failures n8n reported to it. */
export function errorWorkflow(name: string): Omit<TriggerWorkflow, 'productionUrl'> {
	return {
		workflow: {
			name,
			nodes: [
				{ id: randomUUID(), name: 'On Error', type: 'n8n-nodes-base.errorTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: randomUUID(), name: 'Alert', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: { 'On Error': { main: [[{ node: 'Alert', type: 'main', index: 0 }]] } },
		},
	};
}

/** Webhook (POST /webhook/<path>) → Smartflo Click to Call, answering with the call's ids. */
export function clickToCallWorkflow(path: string, credential: CredentialReference): TriggerWorkflow {
	return {
		workflow: {
			name: 'Smartflo e2e: click to call from a webhook',
			nodes: [
				webhookNode('Start Call', path, 'lastNode'),
				{
					id: randomUUID(),
					name: 'Click to Call',
					type: `${PACKAGE}.smartflo`,
					typeVersion: 1,
					position: [220, 0],
					parameters: {
						resource: 'call',
						operation: 'clickToCall',
						agentNumber: '={{ $json.body.agent }}',
						destinationNumber: '={{ $json.body.destination }}',
						getCallId: true,
						options: { customIdentifier: '={{ $json.body.lead }}' },
					},
					credentials: { smartfloApi: credential },
				},
			],
			connections: { 'Start Call': { main: [[{ node: 'Click to Call', type: 'main', index: 0 }]] } },
		},
		productionUrl: (n8nUrl) => `${n8nUrl}/webhook/${path}`,
	};
}

const USERS_NODE = 'Get Users';

/** Webhook (POST /webhook/<path>) → Smartflo User → Get Many → Respond to Webhook with every user. */
export function usersWebhookWorkflow(path: string, credential: CredentialReference): TriggerWorkflow {
	return {
		workflow: {
			name: 'Smartflo e2e: users from a webhook',
			nodes: [
				webhookNode('Users Wanted', path, 'responseNode'),
				{
					id: randomUUID(),
					name: USERS_NODE,
					type: `${PACKAGE}.smartflo`,
					typeVersion: 1,
					position: [220, 0],
					parameters: { resource: 'user', operation: 'getMany', returnAll: true },
					credentials: { smartfloApi: credential },
				},
				{
					id: randomUUID(),
					name: 'Answer',
					type: 'n8n-nodes-base.respondToWebhook',
					typeVersion: 1.1,
					position: [440, 0],
					parameters: { respondWith: 'allIncomingItems', options: {} },
				},
			],
			connections: {
				'Users Wanted': { main: [[{ node: USERS_NODE, type: 'main', index: 0 }]] },
				[USERS_NODE]: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
			},
		},
		productionUrl: (n8nUrl) => `${n8nUrl}/webhook/${path}`,
	};
}

/** n8n's Webhook trigger at POST /webhook/<path>, answering when the last node ends or from a Respond to Webhook node. */
function webhookNode(name: string, path: string, responseMode: 'lastNode' | 'responseNode'): Record<string, unknown> {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode, options: {} },
	};
}
