import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SMARTFLO_ENDPOINTS } from '../../../../src/api/endpoints';
import { apiFields } from '../common/fields';
import { getList, returnAllAndLimit } from '../common/list';
import { showFor } from '../common/operation';

const endpoint = SMARTFLO_ENDPOINTS.user.getMany;

/** Filters: parameter name → Smartflo's query parameter (yes / no filters are sent as 1 or 0). */
const FILTERS: Record<string, string> = {
	isExtensionCreated: 'is_extension_created',
	isLoginBasedCalling: 'is_login_based_calling',
	isInternationalCalling: 'is_international_calling',
	isWebLogin: 'is_web_login',
	userStatus: 'user_status',
};

export const description: INodeProperties[] = [
	...returnAllAndLimit('user', 'getMany'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('user', 'getMany'),
		options: [
			{
				displayName: 'Has Extension',
				name: 'isExtensionCreated',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users with an extension (on) or only users without one (off)',
			},
			{
				displayName: 'International Calling',
				name: 'isInternationalCalling',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users allowed international outbound calls (on) or only the others (off)',
			},
			{
				displayName: 'Login-Based Calling',
				name: 'isLoginBasedCalling',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users with login-based calling enabled (on) or only the others (off)',
			},
			{
				displayName: 'Status',
				name: 'userStatus',
				type: 'options',
				options: [
					{ name: 'Active', value: '1' },
					{ name: 'Blocked', value: '0' },
				],
				default: '1',
			},
			{
				displayName: 'Web Login',
				name: 'isWebLogin',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users allowed to log in to the web portal (on) or only the others (off)',
			},
		],
	},
];

/** `GET /v1/users`, following `last_seen_id`: one item per user, with its `agent`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await getList.call(this, endpoint, itemIndex, apiFields(filters, FILTERS));
}
