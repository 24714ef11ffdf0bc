import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DUPLICATE_OPTIONS, LEAD_FIELDS } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { showFor } from '../common/operation';

const [, name, email, address, company] = LEAD_FIELDS;

const DUPLICATE_LABELS: Record<(typeof DUPLICATE_OPTIONS)[number], { name: string; description: string }> = {
	skip: { name: 'Skip', description: 'Keep the lead already there; add nothing' },
	overwrite: { name: 'Overwrite', description: 'Update the lead already there with these fields' },
	clone: { name: 'Clone', description: 'Add the lead again, beside the one already there' },
};

/** Additional fields: parameter name → Smartflo's field. */
const ADDITIONAL_FIELDS: Record<string, string> = {
	name: name.name,
	email: email.name,
	address: address.name,
	company: company.name,
	priority: 'priority',
	skillId: 'skill_id',
	duplicateOption: 'duplicate_option',
};

/** A lead's fields under readable names: Smartflo's `field_0` is Phone Number, `field_1` Name, and so on. */
export function leadFieldProperties(operation: string): INodeProperties[] {
	const show = showFor('lead', operation);
	return [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '9876543210',
			description: 'The number the broadcast calls (Smartflo’s field_0)',
			displayOptions: show,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show,
			options: [
				{ displayName: address.label, name: 'address', type: 'string', default: '', description: 'Smartflo’s field_3' },
				{ displayName: company.label, name: 'company', type: 'string', default: '', description: 'Smartflo’s field_4' },
				{
					displayName: email.label,
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Smartflo’s field_2',
				},
				{
					displayName: 'If Already There',
					name: 'duplicateOption',
					type: 'options',
					options: DUPLICATE_OPTIONS.map((value) => ({ value, ...DUPLICATE_LABELS[value] })),
					default: 'skip',
					description: 'What happens when the list already has a lead with this phone number',
				},
				{ displayName: name.label, name: 'name', type: 'string', default: '', description: 'Smartflo’s field_1' },
				{
					displayName: 'Priority',
					name: 'priority',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 30 },
					default: 1,
					description: 'From 1 (called last) to 30 (called first)',
				},
				{ displayName: 'Skill ID', name: 'skillId', type: 'string', default: '', description: 'The skill an agent needs to take the call' },
			],
		},
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Field',
			default: {},
			description: 'The lead list’s own fields, under the names the list gives them',
			displayOptions: show,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getLeadFields', loadOptionsDependsOn: ['leadListId'] },
							default: '',
							description:
								'The custom field (field_5 to field_11). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

/** The lead's fields and options for Smartflo (`field_0`…, `priority`, `skill_id`, `duplicate_option`). */
export function leadValuesOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const values: IDataObject = {
		field_0: this.getNodeParameter('phoneNumber', itemIndex) as string,
		...apiFields(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, ADDITIONAL_FIELDS),
	};
	const custom = ((this.getNodeParameter('customFields', itemIndex, {}) as IDataObject).field ?? []) as IDataObject[];
	for (const entry of custom) {
		const field = String(entry.name ?? '').trim();
		if (field !== '') values[field] = entry.value as IDataObject[string];
	}
	return values;
}
