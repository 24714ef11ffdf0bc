import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DESTINATION_TYPES, encodeDestination, type DestinationType } from '../../../../src/api/endpoints';
import { catalogueValue } from '../../transport';
import { showFor } from './operation';
import { dropdown, picker as pickerOf, pickedValue, type LocatorName } from './pickers';

/** The value of the Destination Type option that leaves the destination as it is (updates only). */
const KEEP = 'keep';

interface Target {
	/** The parameter as node version 1 shows it. */
	v1: Omit<INodeProperties, 'displayOptions'>;
	/** From version 2, a resource locator of this kind described so. */
	locator?: { kind: LocatorName; description: string };
}

/** The parameter that names a destination's target, per type; hang up has none. */
const TARGETS: Record<DestinationType, Target | undefined> = {
	agent: {
		v1: dropdown('Agent', 'destinationAgent', 'getAgents', 'The agent the calls go to'),
		locator: { kind: 'agent', description: 'The agent the calls go to' },
	},
	ivr: {
		v1: dropdown('IVR', 'destinationIvr', 'getIvrs', 'The IVR the calls go to'),
		locator: { kind: 'ivr', description: 'The IVR the calls go to' },
	},
	department: {
		v1: dropdown('Department', 'destinationDepartment', 'getDepartments', 'The department the calls go to'),
		locator: { kind: 'department', description: 'The department the calls go to' },
	},
	auto_attend: {
		v1: dropdown('Auto Attendant', 'destinationAutoAttendant', 'getAutoAttendants', 'The auto attendant the calls go to'),
		locator: { kind: 'autoAttendant', description: 'The auto attendant the calls go to' },
	},
	time_condition: {
		v1: {
			displayName: 'Time Condition ID',
			name: 'destinationTimeCondition',
			type: 'string',
			default: '',
			description: 'The ID of the time condition, as the Smartflo portal shows it',
		},
	},
	api_dialplan: {
		v1: {
			displayName: 'API Dialplan ID',
			name: 'destinationApiDialplan',
			type: 'string',
			default: '',
			description: 'The ID of the API dialplan, as the Smartflo portal shows it',
		},
	},
	custom_dialplan: {
		v1: {
			displayName: 'Custom Dialplan Name',
			name: 'destinationCustomDialplan',
			type: 'string',
			default: '',
			description: 'The name of the custom dialplan',
		},
	},
	hangup: undefined,
};

export interface DestinationPicker {
	/** The types offered, in this order; without Keep Current they must include `ivr`, the default. */
	types: readonly DestinationType[];
	/** Offer "Keep Current" first and make it the default (updates). */
	keepCurrent?: boolean;
}

/**
 * Where calls go, picked by type (agent, IVR, department, …) and then by the target of that type from
 * a dropdown; the node builds Smartflo's `type||id` from the two.
 */
export function destinationProperties(resource: string, operation: string, picker: DestinationPicker): INodeProperties[] {
	const show = (extra = {}) => showFor(resource, operation, extra);
	const typeOptions = picker.types.map((type) => ({ name: DESTINATION_TYPES[type].label, value: type as string }));
	const keepOption = { name: 'Keep Current', value: KEEP };
	// Updates keep the destination unless asked; new things start with an IVR, a broadcast's usual destination.
	const properties: INodeProperties[] = [
		picker.keepCurrent
			? {
					displayName: 'Destination Type',
					name: 'destinationType',
					type: 'options',
					noDataExpression: true,
					options: [keepOption].concat(typeOptions),
					default: 'keep',
					description: 'Where Smartflo sends the calls',
					displayOptions: show(),
				}
			: {
					displayName: 'Destination Type',
					name: 'destinationType',
					type: 'options',
					noDataExpression: true,
					options: typeOptions,
					default: 'ivr',
					description: 'Where Smartflo sends the calls',
					displayOptions: show(),
				},
	];
	for (const type of picker.types) {
		const target = TARGETS[type];
		if (!target) continue;
		const property = { ...target.v1, required: true, displayOptions: show({ destinationType: [type] }) } as INodeProperties;
		properties.push(...(target.locator ? pickerOf(target.locator.kind, property, target.locator.description) : [property]));
	}
	return properties;
}

/** The destination as Smartflo writes it (`type||id`), or undefined for Keep Current. */
export function destinationOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const type = this.getNodeParameter('destinationType', itemIndex) as string;
	if (type === KEEP) return undefined;
	const targetParameter = Object.hasOwn(TARGETS, type) ? TARGETS[type as DestinationType]?.v1.name : undefined;
	const target = targetParameter === undefined ? undefined : pickedValue.call(this, targetParameter, itemIndex, '');
	return catalogueValue(this.getNode(), () => encodeDestination(type, target), itemIndex);
}
