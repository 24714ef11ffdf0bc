import { parse as parseQueryString } from 'node:querystring';

import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData, WorkflowExecuteMode } from 'n8n-workflow';

import { SmartfloTrigger } from '../../nodes/Smartflo/SmartfloTrigger.node';
import { nodeParameter, returnJsonArray } from '../helpers/n8n-execute';

export const trigger = new SmartfloTrigger();
export const SECRET = 'unit-test-secret-0123';

export interface TriggerSetup {
	/** The node's parameters as a user set them; `secret` defaults to SECRET. */
	parameters?: IDataObject;
	mode?: WorkflowExecuteMode;
	/** The node's workflow static data; pass the same object to share it between deliveries. */
	staticData?: IDataObject;
	workflowId?: string;
	/** Another instance of the node, e.g. one loaded afresh as after an n8n restart. */
	node?: Pick<SmartfloTrigger, 'webhook'>;
	/** Default: a new node id for every delivery, so that deliveries of separate tests never count as repeats. */
	nodeId?: string;
}

let nodeCounter = 0;

export interface WebhookRequest {
	method?: 'GET' | 'POST';
	/** The query string (without `?`), or an already parsed query (as Express's `qs` parser nests brackets). */
	query?: string | IDataObject;
	headers?: Record<string, string | string[]>;
	/** A JSON body (sent as application/json). */
	json?: unknown;
	/** A form-encoded body. */
	form?: Record<string, string>;
	/** Any body text with its content type. */
	text?: { body: string; contentType?: string };
	/** Any body bytes with their content type, parsed as n8n parses them (invalid UTF-8 becomes U+FFFD). */
	bytes?: { body: Buffer; contentType?: string };
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	/** The status the trigger answered with (undefined if it left the answer to n8n). */
	status?: number;
	body?: unknown;
	/** The items of the execution it starts; empty when it starts none. */
	items: IDataObject[];
	/** The node's workflow static data after the delivery. */
	staticData: IDataObject;
	/** How often the trigger looked at the body: getBodyData(), or the request's body or rawBody. */
	bodyReads: number;
	/** What the trigger logged through this.logger. */
	logs: string[];
}

/** Runs the trigger's webhook() for one request, with n8n's request parsing and webhook context. */
export async function deliver(request: WebhookRequest, setup: TriggerSetup = {}): Promise<WebhookOutcome> {
	const { context, response, staticData, reads, logs } = webhookContext(request, setup);
	const result = await (setup.node ?? trigger).webhook.call(context);
	const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
	return { result, status: response.status, body: response.body, items, staticData, bodyReads: reads.body, logs };
}

/**
 * The parts of n8n's IWebhookFunctions the trigger uses. Bodies are parsed as n8n's body parser does
 * (JSON; form-encoded with node:querystring, so `data[uuid]` stays a flat key; text/plain as a string;
 * other types not at all, with the bytes in `rawBody`); header names arrive in lower case.
 */
export function webhookContext(request: WebhookRequest, setup: TriggerSetup = {}) {
	const parameters: IDataObject = { secret: SECRET, ...setup.parameters };
	const staticData = setup.staticData ?? {};
	const response: { status?: number; body?: unknown } = {};
	const { body, rawBody, contentType } = parsedBody(request);
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries({ ...(contentType ? { 'content-type': contentType } : {}), ...request.headers })) {
		headers[name.toLowerCase()] = value;
	}
	const query = typeof request.query === 'string' ? { ...parseQueryString(request.query) } : { ...request.query };
	const reads = { body: 0 };
	const logs: string[] = [];
	const log = (level: string) => (message: string, meta?: unknown) => logs.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	const requestObject = {
		method: request.method ?? 'POST',
		headers,
		query,
		get body() {
			reads.body += 1;
			return body;
		},
		get rawBody() {
			reads.body += 1;
			return rawBody;
		},
	};
	const node: INode = {
		id: setup.nodeId ?? `node-trigger-${++nodeCounter}`,
		name: 'Smartflo Trigger',
		type: 'n8n-nodes-smartflo.smartfloTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const expressResponse = {
		status(code: number) {
			response.status = code;
			return expressResponse;
		},
		json(value: unknown) {
			response.body = value;
			return expressResponse;
		},
		send(value: unknown) {
			response.body = value;
			return expressResponse;
		},
	};
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: setup.workflowId ?? 'workflow-1', name: 'Smartflo events', active: true }),
		getMode: () => setup.mode ?? 'webhook',
		getWebhookName: () => (request.method === 'GET' ? 'setup' : 'default'),
		getNodeParameter: (name: string, fallbackValue?: unknown) =>
			nodeParameter(trigger.description.properties, parameters, name, fallbackValue),
		getRequestObject: () => requestObject,
		getResponseObject: () => expressResponse,
		getQueryData: () => query,
		getHeaderData: () => headers,
		getBodyData: () => {
			reads.body += 1;
			return body;
		},
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`The trigger asked for ${type} static data`);
			return staticData;
		},
		helpers: { returnJsonArray },
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
	return { context: context as unknown as IWebhookFunctions, response, staticData, reads, logs };
}

function parsedBody(request: WebhookRequest): { body: unknown; rawBody?: Buffer; contentType?: string } {
	if (request.json !== undefined) {
		const text = JSON.stringify(request.json);
		return { body: JSON.parse(text), rawBody: Buffer.from(text), contentType: 'application/json' };
	}
	if (request.form !== undefined) {
		const text = new URLSearchParams(request.form).toString();
		return { body: { ...parseQueryString(text) }, rawBody: Buffer.from(text), contentType: 'application/x-www-form-urlencoded' };
	}
	const given = request.bytes ?? (request.text && { body: Buffer.from(request.text.body), contentType: request.text.contentType });
	if (given !== undefined) {
		const { body: rawBody, contentType } = given;
		const text = rawBody.toString('utf8');
		// As n8n's parseBody: these four are parsed (a JSON body that does not parse is answered 422 before the node runs),
		// multipart is n8n's own form parsing (no raw bytes), any other type is read but not parsed.
		if (contentType === 'application/json') return { body: JSON.parse(text), rawBody, contentType };
		if (contentType === 'application/x-www-form-urlencoded') return { body: { ...parseQueryString(text) }, rawBody, contentType };
		if (contentType === 'text/plain') return { body: text, rawBody, contentType };
		if (contentType?.startsWith('multipart/')) return { body: { data: {}, files: {} }, contentType };
		return { body: undefined, rawBody, contentType };
	}
	return { body: {} };
}

/** The query string that carries the default secret, plus `extra` parameters. */
export function withSecret(extra: Record<string, string> = {}): string {
	return new URLSearchParams({ secret: SECRET, ...extra }).toString();
}
