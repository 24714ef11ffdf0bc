import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
	IPairedItemData,
	NodeExecutionHint,
} from 'n8n-workflow';

import { fileTypeFromMimeType } from 'n8n-workflow';

import { CredentialStore, httpRequestWithAuthentication } from './n8n-credentials';
import { n8nHttpRequest } from './n8n-http-request';

export const TEST_CREDENTIAL_REFERENCE = { id: 'cred-smartflo-1', name: 'Smartflo account' };

export interface ExecuteContextOptions {
	description: INodeTypeDescription;
	store: CredentialStore;
	/** The node's parameters as a user set them; a function gives per-item values (expressions). */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Replaces n8n's plain request helper, e.g. to count or fail requests. */
	httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>;
}

export interface TestExecuteContext {
	context: IExecuteFunctions;
	hints: NodeExecutionHint[];
	/** Every request the node made through httpRequestWithAuthentication, as it asked for it. */
	authenticatedRequests: IHttpRequestOptions[];
	/** Every line the node logged through this.logger, with its arguments. */
	logs: string[];
}

/**
 * The parts of n8n's IExecuteFunctions the Smartflo node uses. getNodeParameter returns what the user
 * set, else the default of the displayed parameter of that name, else the fallback, else throws, as
 * n8n does; getCredentials reads the credential store (a fresh copy each time, like n8n's database
 * read); the request helpers mirror n8n 2.41.1 (see n8n-credentials.ts).
 */
export function createExecuteContext(options: ExecuteContextOptions): TestExecuteContext {
	const items = options.items ?? [{ json: {} }];
	const hints: NodeExecutionHint[] = [];
	const authenticatedRequests: IHttpRequestOptions[] = [];
	const logs: string[] = [];
	const log = (level: string) => (message: string, meta?: unknown) => logs.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	const parametersOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const node: INode = {
		id: 'node-smartflo-1',
		name: 'Smartflo',
		type: 'n8n-nodes-smartflo.smartflo',
		typeVersion: 1,
		position: [0, 0],
		parameters: parametersOf(0) as INode['parameters'],
		credentials: { [options.store.type.name]: TEST_CREDENTIAL_REFERENCE },
	};
	const httpRequest = options.httpRequest ?? n8nHttpRequest;

	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter(name: string, itemIndex: number, fallbackValue?: unknown) {
			return resolveExpression(
				nodeParameter(options.description.properties, parametersOf(itemIndex), name, fallbackValue),
				items[itemIndex],
			);
		},
		// What load-options methods read: the parameters as the editor holds them.
		getCurrentNodeParameter(name: string) {
			return parametersOf(0)[name];
		},
		async getCredentials(type: string) {
			if (type !== options.store.type.name) throw new Error(`Node does not have credentials of type "${type}"`);
			return options.store.getDecrypted();
		},
		addExecutionHints: (...newHints: NodeExecutionHint[]) => hints.push(...newHints),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequest,
			async httpRequestWithAuthentication(type: string, requestOptions: IHttpRequestOptions, additional?: IDataObject) {
				authenticatedRequests.push(structuredClone(requestOptions));
				return await httpRequestWithAuthentication.call(
					{ getNode: () => node, getCredentials: context.getCredentials, helpers: { httpRequest } },
					options.store,
					type,
					requestOptions,
					additional,
				);
			},
			returnJsonArray,
			constructExecutionMetaData,
			prepareBinaryData,
		},
	};
	return { context: context as unknown as IExecuteFunctions, hints, authenticatedRequests, logs };
}

/**
 * n8n keeps a parameter's expression in the node (`INode.parameters`) and resolves it per item in
 * getNodeParameter; the harness resolves the simplest form, `={{ $json.field }}`, the same way.
 */
function resolveExpression(value: unknown, item: INodeExecutionData | undefined): unknown {
	const field = typeof value === 'string' ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value)?.[1] : undefined;
	if (field === undefined) return value;
	return field.split('.').reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], item?.json);
}

/** The same context seen as ILoadOptionsFunctions (what load-options methods get). */
export function asLoadOptions(context: IExecuteFunctions): ILoadOptionsFunctions {
	return context as unknown as ILoadOptionsFunctions;
}

/**
 * n8n-core's prepareBinaryData for a Buffer with a file name and MIME type (utils/binary-helper-functions.js)
 * and the default (in-memory) binary data mode: the bytes as base64 and the size as n8n prints it.
 */
async function prepareBinaryData(binaryData: Buffer, filePath?: string, mimeType?: string): Promise<IBinaryData> {
	const type = mimeType ?? 'text/plain';
	const fileName = filePath?.split('/').pop();
	const extension = fileName?.includes('.') ? fileName.split('.').pop() : undefined;
	return {
		data: binaryData.toString('base64'),
		mimeType: type,
		fileType: fileTypeFromMimeType(type),
		...(fileName ? { fileName } : {}),
		...(extension ? { fileExtension: extension } : {}),
		fileSize: prettyBytes(binaryData.length),
	};
}

function prettyBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB'];
	let value = bytes;
	let unit = -1;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit += 1;
	}
	return `${Number(value.toPrecision(3))} ${units[unit]}`;
}

/** n8n-core's returnJsonArray (utils/return-json-array.js). */
export function returnJsonArray(jsonData: IDataObject | IDataObject[]): INodeExecutionData[] {
	const list = Array.isArray(jsonData) ? jsonData : [jsonData];
	return list.map((data) => (data?.json ? ({ ...data, json: data.json } as INodeExecutionData) : { json: data }));
}

/** n8n-core's constructExecutionMetaData (utils/construct-execution-metadata.js). */
function constructExecutionMetaData(inputData: INodeExecutionData[], { itemData }: { itemData: IPairedItemData | IPairedItemData[] }) {
	return inputData.map(({ json, ...rest }) => ({ json, pairedItem: itemData, ...rest }));
}

export function nodeParameter(properties: INodeProperties[], parameters: IDataObject, name: string, fallbackValue: unknown): unknown {
	if (name in parameters) return parameters[name];
	const property = properties.find((candidate) => candidate.name === name && isDisplayed(properties, parameters, candidate));
	if (property) return structuredClone(property.default);
	if (fallbackValue !== undefined) return fallbackValue;
	throw new Error(`Could not get parameter "${name}"`);
}

function currentValue(properties: INodeProperties[], parameters: IDataObject, name: string, depth: number): unknown {
	if (name in parameters) return parameters[name];
	if (depth > 5) return undefined;
	const property = properties.find((candidate) => candidate.name === name && isDisplayed(properties, parameters, candidate, depth + 1));
	return property?.default;
}

function isDisplayed(properties: INodeProperties[], parameters: IDataObject, property: INodeProperties, depth = 0): boolean {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	const shown = Object.entries(show).every(([name, values]) =>
		(values as unknown[]).includes(currentValue(properties, parameters, name, depth)),
	);
	const hidden = Object.entries(hide).some(([name, values]) =>
		(values as unknown[]).includes(currentValue(properties, parameters, name, depth)),
	);
	return shown && !hidden;
}
