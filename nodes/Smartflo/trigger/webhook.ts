import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { PayloadBudget, type PayloadProblem, type PayloadRefusal } from '../../../src/webhooks/budget';
import { normaliseEvent, type NormalisedEvent } from '../../../src/webhooks/normalise';
import { EVENT_FIELD } from '../../../src/webhooks/triggers';
import { readConfig, type TriggerConfig } from './config';
import { duplicateKey, duplicateMemory } from './dedupe';
import { isPing, presentedSecret, readDelivery } from './delivery';
import { isSelected } from './events';
import { checkSecret } from './secret';

const REFUSAL_STATUS: Readonly<Record<PayloadProblem, number>> = { too_large: 413, too_deep: 400, unreadable: 400 };

/**
 * One delivery from Smartflo. The secret is checked first, from the query or a header: without it a
 * request is answered 401 (403 with another) before its body is looked at, except a verification ping
 * (a GET with no payload fields), answered 200. An authenticated request's body is read within the
 * payload limits (400 or 413 beyond them); each payload of a selected event that is not a repeat within
 * the window becomes one output item. Nothing else starts an execution, and no input makes this throw.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return answerDelivery(this);
	} catch (error) {
		// A fault of the trigger's own (no input is known to cause one) is answered, not thrown: n8n would answer
		// a throw with 500, store an error execution and run the workflow's Error Workflow. The log names no input.
		this.logger.error('The Smartflo Trigger could not read a delivery', { error: error instanceof Error ? error.name : typeof error });
		if (this.getResponseObject().headersSent) return { noWebhookResponse: true };
		return respond(this, 422, { message: 'The Smartflo Trigger could not read this delivery' });
	}
}

function answerDelivery(context: IWebhookFunctions): IWebhookResponseData {
	const read = readConfig(context);
	if (!read.ok) return respond(context, 500, { message: `The Smartflo Trigger is not set up: ${read.problem}` });
	const { config } = read;

	const secret = checkSecret(presentedSecret(context, config.secretLocation), config.secret);
	if (secret !== 'accepted') {
		if (isPing(context, config.secretLocation)) return respond(context, 200, { received: true, verification: true });
		if (secret === 'missing') return respond(context, 401, { message: 'The webhook secret is missing' });
		return respond(context, 403, { message: 'The webhook secret is wrong' });
	}

	const budget = new PayloadBudget();
	const delivery = readDelivery(context, config.secretLocation, budget);
	if (budget.refusal) return refuse(context, budget.refusal);
	if (delivery.payloads.length === 0) return respond(context, 200, { received: true, verification: true });

	const events = delivery.payloads.map(({ raw, fields }) => ({
		raw,
		event: normaliseEvent(fields, { timeZone: config.timeZone, fallbackEvent: delivery.urlEvent, budget }),
	}));
	if (budget.refusal) return refuse(context, budget.refusal);

	const receivedAt = new Date(Date.now()).toISOString();
	const memory = duplicatesOf(context, config);
	const items: IDataObject[] = [];
	for (const { raw, event } of events) {
		if (!isSelected(config.events, event.event)) continue;
		if (memory?.isRepeat(duplicateKey(event, raw))) continue;
		items.push(outputOf(event, raw, receivedAt));
	}
	// Only an accepted delivery is remembered: a refused one leaves nothing that would turn Smartflo's retry away.
	memory?.commit();
	if (items.length === 0) return respond(context, 200, { received: true, started: false });
	const workflowData = [context.helpers.returnJsonArray(items)];
	// Answered here, not by n8n: for a node without a responseData option n8n would answer the text "firstEntryJson".
	return { ...respond(context, 200, { received: true, started: true }), workflowData };
}

/** The trigger's memory of recent deliveries, or undefined when repeats are not looked for. */
function duplicatesOf(context: IWebhookFunctions, config: TriggerConfig) {
	// Test deliveries always run: a developer re-sending a captured payload wants to see it.
	if (config.duplicateWindowSeconds === 0 || context.getMode() === 'manual') return undefined;
	return duplicateMemory({
		scope: `${context.getWorkflow().id ?? ''}:${context.getNode().id}`,
		windowSeconds: config.duplicateWindowSeconds,
		nowMs: Date.now(),
		staticData: context.getWorkflowStaticData('node'),
	});
}

/**
 * The normalised fields first (`event`, `event_name`, …), then when n8n received it, then the payload as
 * it came. The trigger's own fields win over a payload's fields of the same names.
 */
function outputOf(event: NormalisedEvent, raw: Record<string, unknown>, receivedAt: string): IDataObject {
	const { [EVENT_FIELD]: _event, event_name: _eventName, received_at: _receivedAt, raw: _raw, ...fields } = event.fields;
	return { event: event.event, event_name: event.eventName, ...fields, received_at: receivedAt, raw } as IDataObject;
}

function refuse(context: IWebhookFunctions, refusal: PayloadRefusal): IWebhookResponseData {
	return respond(context, REFUSAL_STATUS[refusal.problem], { message: refusal.message });
}

function respond(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}
