import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { PayloadBudget } from '../../../src/webhooks/budget';
import { payloadsOf, type Payload } from '../../../src/webhooks/payload';
import type { SecretPlacement } from '../../../src/webhooks/secret';
import { EVENT_FIELD } from '../../../src/webhooks/triggers';

export interface SecretLocation {
	in: SecretPlacement;
	/** The query parameter's name, or the header's (any case). */
	name: string;
}

/** One authenticated HTTP request to the trigger, as the trigger reads it. */
export interface Delivery {
	/** The payloads the request carries, without the secret: none for a verification ping. */
	payloads: Payload[];
	/** The URL's `event` query parameter, for URLs pasted once per trigger. */
	urlEvent: string | undefined;
}

/** What the request presents as the secret (a string, or an array when it is repeated), read from the query or a header only. */
export function presentedSecret(context: IWebhookFunctions, secret: SecretLocation): unknown {
	const [fields, name] =
		secret.in === 'header'
			? [context.getHeaderData() as IDataObject, secret.name.toLowerCase()]
			: [context.getQueryData() as IDataObject, secret.name];
	// Own fields only: a parameter named like an Object.prototype member (toString) presents nothing.
	return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * Whether a request is a verification ping: a GET whose query names no field but the secret and `event`.
 * It needs no secret. Decided from the method and the query alone, never from a body.
 */
export function isPing(context: IWebhookFunctions, secret: SecretLocation): boolean {
	if (!isGet(context)) return false;
	const query = context.getQueryData() as IDataObject;
	return Object.keys(query).every((key) => key === EVENT_FIELD || (secret.in === 'queryParameter' && key === secret.name));
}

/**
 * Reads the payloads and the URL's event name of an authenticated request, against `budget` (what it
 * refuses is left in `budget.refusal`). A GET carries its payload in the query string; a POST in its
 * body (JSON or form-encoded as n8n parsed it, else the raw text). The secret's query parameter is never
 * part of a payload. A payload with no field but `event` is no delivery (a verification ping to a URL
 * that names its event).
 */
export function readDelivery(context: IWebhookFunctions, secret: SecretLocation, budget: PayloadBudget): Delivery {
	const query = { ...(context.getQueryData() as IDataObject) };
	if (secret.in === 'queryParameter') delete query[secret.name];
	const urlEvent = typeof query[EVENT_FIELD] === 'string' ? (query[EVENT_FIELD] as string) : undefined;
	const payloads = isGet(context) ? payloadsOf(query, budget) : payloadsOf(bodyOf(context, budget), budget);
	return { payloads: payloads.filter(({ fields }) => Object.keys(fields).some((key) => key !== EVENT_FIELD)), urlEvent };
}

function isGet(context: IWebhookFunctions): boolean {
	return (context.getRequestObject().method ?? 'POST').toUpperCase() === 'GET';
}

function bodyOf(context: IWebhookFunctions, budget: PayloadBudget): unknown {
	const request = context.getRequestObject() as { rawBody?: Buffer };
	const rawBody = request.rawBody;
	// n8n has read the body (up to its own limit) before the trigger runs: its length costs nothing to check.
	if (rawBody && !budget.fits(rawBody.length)) return undefined;
	const contentType = String(context.getHeaderData()['content-type'] ?? '').toLowerCase();
	if (contentType.startsWith('multipart/')) {
		budget.refuse('unreadable', 'Send the payload as JSON, form fields or a query string, not as multipart/form-data');
		return undefined;
	}
	const body: unknown = context.getBodyData();
	if (typeof body === 'string') return body;
	if (typeof body === 'object' && body !== null && Object.keys(body).length > 0) return body;
	// A content type n8n does not parse (or none): read the raw text.
	return rawBody?.toString('utf8');
}
