import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DESTINATION_TYPES, encodeDestination, type DestinationType } from '../../../../src/api/endpoints';
import { catalogueValue } from '../../transport';
import { showFor } from './operation';

/** The value of the Destination Type option that leaves the destination as it is (updates only). */
const KEEP = 'keep';

/** The parameter that names a destination's target, per type; hang up has none. */
const TARGETS: Record<DestinationType, Omit<INodeProperties, 'displayOptions'> | undefined> = {
	agent: {
		displayName: 'Agent Name or ID',
		name: 'destinationAgent',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		description:
			'The agent the calls go to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	ivr: {
		displayName: 'IVR Name or ID',
		name: 'destinationIvr',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: 'getIvrs' },
		description:
			'The IVR the calls go to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	department: {
		displayName: 'Department Name or ID',
		name: 'destinationDepartment',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: 'getDepartments' },
		description:
			'The department the calls go to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	auto_attend: {
		displayName: 'Auto Attendant Name or ID',
		name: 'destinationAutoAttendant',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: 'getAutoAttendants' },
		description:
			'The auto attendant the calls go to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	time_condition: {
		displayName: 'Time Condition ID',
		name: 'destinationTimeCondition',
		type: 'string',
		default: '',
		description: 'The ID of the time condition, as the Smartflo portal shows it',
	},
	api_dialplan: {
		displayName: 'API Dialplan ID',
		name: 'destinationApiDialplan',
		type: 'string',
		default: '',
		description: 'The ID of the API dialplan, as the Smartflo portal shows it',
	},
	custom_dialplan: {
		displayName: 'Custom Dialplan Name',
		name: 'destinationCustomDialplan',
		type: 'string',
		default: '',
		description: 'The name of the custom dialplan',
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
		if (target) properties.push({ ...target, required: true, displayOptions: show({ destinationType: [type] }) } as INodeProperties);
	}
	return properties;
}

/** The destination as Smartflo writes it (`type||id`), or undefined for Keep Current. */
export function destinationOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const type = this.getNodeParameter('destinationType', itemIndex) as string;
	if (type === KEEP) return undefined;
	const targetParameter = Object.hasOwn(TARGETS, type) ? TARGETS[type as DestinationType]?.name : undefined;
	const target = targetParameter === undefined ? undefined : this.getNodeParameter(targetParameter, itemIndex, '');
	return catalogueValue(this.getNode(), () => encodeDestination(type, target), itemIndex);
}
