import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { EVENT_FIELD } from '../../../src/webhooks/triggers';
import { payloadsOf, type Payload } from '../../../src/webhooks/payload';

export interface SecretLocation {
	in: 'queryParameter' | 'header';
	/** The query parameter's name, or the header's (any case). */
	name: string;
}

/** One HTTP request to the trigger, as the trigger reads it. */
export interface Delivery {
	/** What the request presents as the secret: a string, or an array when it is repeated. */
	presentedSecret: unknown;
	/** The payloads the request carries, without the secret: none for a verification ping. */
	payloads: Payload[];
	/** The URL's `event` query parameter, for URLs pasted once per trigger. */
	urlEvent: string | undefined;
}

/**
 * Reads the secret, the payloads and the URL's event name. A GET carries its payload in the query
 * string; a POST in its body (JSON or form-encoded as n8n parsed it, else the raw text). The secret's
 * query parameter is never part of a payload. A payload with no field but `event` is no delivery (a
 * verification ping to a URL that names its event).
 */
export function readDelivery(context: IWebhookFunctions, secret: SecretLocation): Delivery {
	const method = (context.getRequestObject().method ?? 'POST').toUpperCase();
	const query = { ...(context.getQueryData() as IDataObject) };
	const headers = context.getHeaderData();
	const presentedSecret = secret.in === 'header' ? headers[secret.name.toLowerCase()] : query[secret.name];
	if (secret.in === 'queryParameter') delete query[secret.name];
	const urlEvent = typeof query[EVENT_FIELD] === 'string' ? (query[EVENT_FIELD] as string) : undefined;
	const payloads = method === 'GET' ? payloadsOf(query) : payloadsOf(bodyOf(context));
	return { presentedSecret, payloads: payloads.filter(({ fields }) => Object.keys(fields).some((key) => key !== EVENT_FIELD)), urlEvent };
}

function bodyOf(context: IWebhookFunctions): unknown {
	const body: unknown = context.getBodyData();
	if (typeof body === 'string') return body;
	if (typeof body === 'object' && body !== null && Object.keys(body).length > 0) return body;
	// A content type n8n does not parse (or none): read the raw text.
	const raw = (context.getRequestObject() as { rawBody?: { toString(encoding: string): string } }).rawBody;
	return raw?.toString('utf8');
}
