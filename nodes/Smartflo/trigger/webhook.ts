import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { normaliseEvent, type NormalisedEvent } from '../../../src/webhooks/normalise';
import { EVENT_FIELD } from '../../../src/webhooks/triggers';
import { readConfig, type TriggerConfig } from './config';
import { duplicateKey, isRepeat } from './dedupe';
import { readDelivery } from './delivery';
import { isSelected } from './events';
import { checkSecret } from './secret';

/**
 * One delivery from Smartflo: a verification ping (no payload) is answered 200; a payload needs the
 * secret (401 without it, 403 with another); each payload of a selected event that is not a repeat
 * within the window becomes one output item. Nothing else starts an execution.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const read = readConfig(this);
	if (!read.ok) return respond(this, 500, { message: `The Smartflo Trigger is not set up: ${read.problem}` });
	const { config } = read;

	const delivery = readDelivery(this, config.secretLocation);
	if (delivery.payloads.length === 0) return respond(this, 200, { received: true, verification: true });

	const secret = checkSecret(delivery.presentedSecret, config.secret);
	if (secret === 'missing') return respond(this, 401, { message: 'The webhook secret is missing' });
	if (secret === 'wrong') return respond(this, 403, { message: 'The webhook secret is wrong' });

	const receivedAt = new Date(Date.now()).toISOString();
	const items: IDataObject[] = [];
	for (const { raw, fields } of delivery.payloads) {
		const event = normaliseEvent(fields, { timeZone: config.timeZone, fallbackEvent: delivery.urlEvent });
		if (!isSelected(config.events, event.event)) continue;
		if (isDuplicate(this, config, event, raw)) continue;
		items.push(outputOf(event, raw, receivedAt));
	}
	if (items.length === 0) return respond(this, 200, { received: true, started: false });
	// Answered here, not by n8n: for a node without a responseData option n8n would answer the text "firstEntryJson".
	return { ...respond(this, 200, { received: true, started: true }), workflowData: [this.helpers.returnJsonArray(items)] };
}

function isDuplicate(context: IWebhookFunctions, config: TriggerConfig, event: NormalisedEvent, raw: Record<string, unknown>): boolean {
	// Test deliveries always run: a developer re-sending a captured payload wants to see it.
	if (config.duplicateWindowSeconds === 0 || context.getMode() === 'manual') return false;
	const key = duplicateKey(event, raw);
	if (key === undefined) return false;
	return isRepeat({
		scope: `${context.getWorkflow().id ?? ''}:${context.getNode().id}`,
		key,
		windowSeconds: config.duplicateWindowSeconds,
		nowMs: Date.now(),
		staticData: context.getWorkflowStaticData('node'),
	});
}

/** The normalised fields first (`event`, `event_name`, …), then when n8n received it, then the payload as it came. */
function outputOf(event: NormalisedEvent, raw: Record<string, unknown>, receivedAt: string): IDataObject {
	const { [EVENT_FIELD]: _event, ...fields } = event.fields;
	return { event: event.event, event_name: event.eventName, ...fields, received_at: receivedAt, raw } as IDataObject;
}

function respond(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}
