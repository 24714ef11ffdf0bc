import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

/**
 * Parameters that pick a thing of the account (an agent, a number, a lead list, …). Node version 1
 * (0.2.0) shows them as dropdowns or ID fields, and keeps doing so for the workflows made with it;
 * version 2 shows them as resource locators: "From List" with search, or "By ID". Both store the
 * value under the same name, and {@link pickedValue} reads either.
 */

/** The node versions: 1 with dropdowns, 2 with resource locators. */
export const NODE_VERSIONS = [1, 2];
export const DEFAULT_NODE_VERSION = 2;

// dropdownsOnly knows the two conditions by these arrays, which picker() puts in the display options.
const VERSION_1: number[] = [1];
const VERSIONS_FROM_2 = [{ _cnd: { gte: 2 } }];
const ONLY_VERSION_1: IDisplayOptions['show'] = { '@version': VERSION_1 };
const FROM_VERSION_2: IDisplayOptions['show'] = { '@version': VERSIONS_FROM_2 };

interface LocatorKind {
	/** The resource locator's label, e.g. Agent. */
	displayName: string;
	searchListMethod: string;
	/** Shown in the empty list mode, e.g. "Select an agent…". */
	listPlaceholder: string;
	/** The second mode: "By ID", or "By Number" for the numbers themselves. */
	idMode: Pick<INodePropertyMode, 'displayName' | 'placeholder'> & { regex: string; errorMessage: string };
}

const digitsId = (placeholder: string, what: string) => ({
	displayName: 'By ID',
	placeholder,
	regex: '[0-9]{1,20}',
	errorMessage: `${what} IDs are digits, such as ${placeholder.replace('e.g. ', '')}`,
});

export const LOCATORS = {
	agent: {
		displayName: 'Agent',
		searchListMethod: 'searchAgents',
		listPlaceholder: 'Select an agent…',
		idMode: digitsId('e.g. 0502842370097', 'Agent'),
	},
	user: {
		displayName: 'User',
		searchListMethod: 'searchUsers',
		listPlaceholder: 'Select a user…',
		idMode: digitsId('e.g. 62501', 'User'),
	},
	callerId: {
		displayName: 'Number',
		searchListMethod: 'searchCallerIds',
		listPlaceholder: 'Select a number…',
		idMode: {
			displayName: 'By Number',
			placeholder: 'e.g. 918069123456',
			regex: '\\+?[0-9]{6,15}',
			errorMessage: 'A number is 6 to 15 digits, such as 918069123456',
		},
	},
	myNumber: {
		displayName: 'Number',
		searchListMethod: 'searchMyNumbers',
		listPlaceholder: 'Select a number…',
		idMode: digitsId('e.g. 3101', 'Number'),
	},
	department: {
		displayName: 'Department',
		searchListMethod: 'searchDepartments',
		listPlaceholder: 'Select a department…',
		idMode: digitsId('e.g. 1201', 'Department'),
	},
	ivr: { displayName: 'IVR', searchListMethod: 'searchIvrs', listPlaceholder: 'Select an IVR…', idMode: digitsId('e.g. 301', 'IVR') },
	autoAttendant: {
		displayName: 'Auto Attendant',
		searchListMethod: 'searchAutoAttendants',
		listPlaceholder: 'Select an auto attendant…',
		idMode: digitsId('e.g. 601', 'Auto attendant'),
	},
	broadcast: {
		displayName: 'Broadcast',
		searchListMethod: 'searchBroadcasts',
		listPlaceholder: 'Select a broadcast…',
		idMode: digitsId('e.g. 7001', 'Broadcast'),
	},
	leadList: {
		displayName: 'Lead List',
		searchListMethod: 'searchLeadLists',
		listPlaceholder: 'Select a lead list…',
		idMode: digitsId('e.g. 5101', 'Lead list'),
	},
} satisfies Record<string, LocatorKind>;

export type LocatorName = keyof typeof LOCATORS;

/**
 * One picking parameter in both versions: `v1` as version 1 shows it (kept as 0.2.0 had it), and a
 * resource locator of `kind` under the same name from version 2, described by `description`.
 */
export function picker(kind: LocatorName, v1: INodeProperties, description: string, displayName?: string): INodeProperties[] {
	const { idMode, ...locator } = LOCATORS[kind];
	const { regex, errorMessage, ...id } = idMode;
	return [
		{ ...v1, displayOptions: withVersion(v1.displayOptions, ONLY_VERSION_1) },
		{
			displayName: displayName ?? locator.displayName,
			name: v1.name,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			...(v1.required ? { required: true } : {}),
			description,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: locator.listPlaceholder,
					typeOptions: { searchListMethod: locator.searchListMethod, searchable: true },
				},
				{ ...id, name: 'id', type: 'string', validation: [{ type: 'regex', properties: { regex, errorMessage } }] },
			],
			displayOptions: withVersion(v1.displayOptions, FROM_VERSION_2),
		},
	];
}

/** A required dropdown of version 1 as 0.2.0 had it: `<Noun> Name or ID`, loaded by `loadOptionsMethod`. */
export function dropdown(
	noun: string,
	name: string,
	loadOptionsMethod: string,
	description: string,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		displayName: `${noun} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod },
		default: '',
		...(displayOptions ? { required: true, displayOptions } : {}),
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/**
 * The value a picking parameter holds, in either version: a dropdown's or ID field's text, a resource
 * locator's value (n8n's `extractValue`). Parameters inside a collection are named by their path,
 * e.g. `options.callerId`.
 */
export function pickedValue(this: IExecuteFunctions, name: string, itemIndex: number, fallback?: string): IDataObject[string] {
	return this.getNodeParameter(name, itemIndex, fallback, { extractValue: true }) as IDataObject[string];
}

/** A collection with the values of its picking parameters `names` read by {@link pickedValue}. */
export function withPickedValues(
	this: IExecuteFunctions,
	collectionName: string,
	collection: IDataObject,
	names: readonly string[],
	itemIndex: number,
): IDataObject {
	const picked = { ...collection };
	for (const name of names) {
		if (name in picked) picked[name] = pickedValue.call(this, `${collectionName}.${name}`, itemIndex, '');
	}
	return picked;
}

export function broadcastPicker(displayOptions: IDisplayOptions, description = 'The broadcast'): INodeProperties[] {
	return picker('broadcast', dropdown('Broadcast', 'broadcastId', 'getBroadcasts', description, displayOptions), description);
}

export function leadListPicker(displayOptions: IDisplayOptions, description = 'The lead list'): INodeProperties[] {
	return picker('leadList', dropdown('Lead List', 'leadListId', 'getLeadLists', description, displayOptions), description);
}

export function agentPicker(displayOptions: IDisplayOptions, description: string, name = 'agentId'): INodeProperties[] {
	return picker('agent', dropdown('Agent', name, 'getAgents', description, displayOptions), description);
}

export function callIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1715235734.129662',
		description,
		displayOptions,
	};
}

/**
 * Picking parameters as a node without resource locators shows them (the Call Record Trigger, which
 * has one version): version 2's locators left out, version 1's dropdowns without their version condition.
 */
export function dropdownsOnly(properties: INodeProperties[]): INodeProperties[] {
	return properties
		.filter((property) => property.displayOptions?.show?.['@version'] !== VERSIONS_FROM_2)
		.map((property) => {
			const { displayOptions, ...rest } = property;
			if (displayOptions?.show?.['@version'] !== VERSION_1) return property;
			const { '@version': _version, ...show } = displayOptions.show;
			if (Object.keys(show).length === 0 && !displayOptions.hide) return rest;
			return { ...rest, displayOptions: { ...displayOptions, show } };
		});
}

function withVersion(displayOptions: IDisplayOptions | undefined, version: IDisplayOptions['show']): IDisplayOptions {
	return { ...displayOptions, show: { ...displayOptions?.show, ...version } };
}
