import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
	IPairedItemData,
	NodeExecutionHint,
} from 'n8n-workflow';

import { fileTypeFromMimeType, NodeHelpers } from 'n8n-workflow';

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
	/** The node's version, as a workflow stores it; default: the version n8n gives a new node. */
	typeVersion?: number;
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
 * set, else the default of the parameter of that name displayed for the node's version, else the
 * fallback, else throws, as n8n does; a dotted name reads into a collection, and `extractValue` gives a
 * resource locator's value as n8n-core's extractValue does; getCredentials reads the credential store
 * (a fresh copy each time, like n8n's database read); the request helpers mirror n8n 2.41.1 (see
 * n8n-credentials.ts).
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
		typeVersion: options.typeVersion ?? defaultVersionOf(options.description),
		position: [0, 0],
		parameters: parametersOf(0) as INode['parameters'],
		credentials: { [options.store.type.name]: TEST_CREDENTIAL_REFERENCE },
	};
	const httpRequest = options.httpRequest ?? n8nHttpRequest;

	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter(name: string, itemIndex: number, fallbackValue?: unknown, parameterOptions?: IGetNodeParameterOptions) {
			const { properties } = options.description;
			const parameters = parametersOf(itemIndex);
			const value = resolveExpression(nodeParameter(properties, parameters, name, fallbackValue, node), items[itemIndex]);
			return parameterOptions?.extractValue ? extractValue(properties, parameters, name, value, node) : value;
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
 * getNodeParameter, in collections and resource locators too; the harness resolves the simplest form,
 * `={{ $json.field }}`, the same way.
 */
function resolveExpression(value: unknown, item: INodeExecutionData | undefined): unknown {
	if (Array.isArray(value)) return value.map((entry) => resolveExpression(entry, item));
	if (typeof value === 'object' && value !== null)
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveExpression(entry, item)]));
	const field = typeof value === 'string' ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value)?.[1] : undefined;
	if (field === undefined) return value;
	return field.split('.').reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], item?.json);
}

/** The version n8n gives a new node: `defaultVersion`, else the newest. */
function defaultVersionOf(description: INodeTypeDescription): number {
	const { version, defaultVersion } = description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

/**
 * n8n-core's extractValue (execution-engine/node-execution-context/utils/extract-value.js) for these
 * nodes' parameters: n8n-workflow's findDisplayedProperty finds the property displayed under that name
 * or path (`options.callerId`, `leadLists.list[0].leadListId`), which must exist, and a resource
 * locator's `{ __rl, mode, value }` gives its value (no mode here extracts by regex).
 */
function extractValue(properties: INodeProperties[], parameters: IDataObject, name: string, value: unknown, node: INode): unknown {
	const property = NodeHelpers.findDisplayedProperty(name, properties, displayValues(properties, parameters, node), node, null);
	if (!property) throw new Error(`Could not find property "${name}"`);
	if (!('type' in property) || property.type !== 'resourceLocator' || typeof value !== 'object' || value === null) return value;
	return 'mode' in value && 'value' in value ? value.value : value;
}

/** The parameters with the values display conditions name, as set or defaulted (n8n's node parameters hold the defaults). */
function displayValues(properties: INodeProperties[], parameters: IDataObject, node: INode): INode['parameters'] {
	const values: IDataObject = { ...parameters };
	for (const property of properties) {
		const { show = {}, hide = {} } = property.displayOptions ?? {};
		for (const name of [...Object.keys(show), ...Object.keys(hide)]) {
			if (!name.startsWith('@') && !(name in values))
				values[name] = currentValue(properties, parameters, name, node, 0) as IDataObject[string];
		}
	}
	return values as INode['parameters'];
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

/**
 * A parameter as getNodeParameter reads it before expressions: the value set, else the default of the
 * parameter of that name displayed (for the node's version, when a node is given), else the fallback.
 * A path (`options.callerId`, `leadLists.list[0].leadListId`) reads into a collection, which has no defaults.
 */
export function nodeParameter(
	properties: INodeProperties[],
	parameters: IDataObject,
	name: string,
	fallbackValue: unknown,
	node?: INode,
): unknown {
	const [top, ...path] = name.split(/[.[\]]+/).filter((key) => key !== '');
	if (path.length > 0) {
		const value = path.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], parameters[top]);
		if (value !== undefined) return value;
	} else {
		if (name in parameters) return parameters[name];
		const property = properties.find((candidate) => candidate.name === name && isDisplayed(properties, parameters, candidate, node));
		if (property) return structuredClone(property.default);
	}
	if (fallbackValue !== undefined) return fallbackValue;
	throw new Error(`Could not get parameter "${name}"`);
}

function currentValue(
	properties: INodeProperties[],
	parameters: IDataObject,
	name: string,
	node: INode | undefined,
	depth: number,
): unknown {
	if (name in parameters) return parameters[name];
	if (depth > 5) return undefined;
	const property = properties.find(
		(candidate) => candidate.name === name && isDisplayed(properties, parameters, candidate, node, depth + 1),
	);
	return property?.default;
}

/** n8n's displayParameter over the values its conditions name, each as set or defaulted; `@version` is the node's. */
function isDisplayed(properties: INodeProperties[], parameters: IDataObject, property: INodeProperties, node?: INode, depth = 0): boolean {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	const names = [...Object.keys(show), ...Object.keys(hide)].filter((name) => !name.startsWith('@'));
	const values = Object.fromEntries(names.map((name) => [name, currentValue(properties, parameters, name, node, depth)])) as IDataObject;
	return NodeHelpers.displayParameter(values as INode['parameters'], property, node ?? null, null);
}
