import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flag } from '../common/fields';
import { getList, returnAllAndLimit, type ListEndpoint } from '../common/list';
import { showFor } from '../common/operation';

const endpoint: ListEndpoint = { path: '/v1/users', pagination: 'cursor', pageSize: 100 };

/** Yes / no filters: parameter name → Smartflo's query parameter (sent as 1 or 0). */
const FLAG_FILTERS: Record<string, string> = {
	isExtensionCreated: 'is_extension_created',
	isLoginBasedCalling: 'is_login_based_calling',
	isInternationalCalling: 'is_international_calling',
	isWebLogin: 'is_web_login',
};

export const needsCredential = true;

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
	const query: IDataObject = {};
	for (const [parameter, field] of Object.entries(FLAG_FILTERS)) {
		if (filters[parameter] !== undefined) query[field] = flag(filters[parameter]);
	}
	if (filters.userStatus !== undefined && filters.userStatus !== '') query.user_status = String(filters.userStatus);
	return await getList.call(this, endpoint, itemIndex, query);
}
