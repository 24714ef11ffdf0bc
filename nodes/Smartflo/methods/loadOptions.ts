import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isObject, requestAllByCursor, requestList } from '../transport';

/** Enough for a dropdown; larger accounts type an ID in an expression. */
const MAX_OPTIONS = 2000;

/** Agents from `GET /v1/users`: the value is `agent.id`, which calls and filters want. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await requestAllByCursor.call(this, { method: 'GET', path: '/v1/users' }, { limit: MAX_OPTIONS, pageSize: 100 });
	const options: INodePropertyOptions[] = [];
	for (const user of users) {
		const agent = isObject(user.agent) ? user.agent : undefined;
		if (agent?.id === undefined || agent.id === null || agent.id === '') continue;
		const id = String(agent.id);
		options.push({ name: `${text(user.name) || text(agent.name) || 'Agent'} (${id})`, value: id });
	}
	return byName(options);
}

/** Phone numbers (DIDs) from `GET /v1/my_number`: the value is the number itself. */
export async function getCallerIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await requestList.call(this, { method: 'GET', path: '/v1/my_number' }, MAX_OPTIONS);
	return byName(
		numbers
			.filter((entry) => text(entry.did) !== '')
			.map((entry) => {
				const label = text(entry.alias) || text(entry.name);
				return { name: label ? `${text(entry.did)} (${label})` : text(entry.did), value: text(entry.did) };
			}),
	);
}

/** Departments from `GET /v1/departments`: the value is the department ID. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const departments = await requestList.call(this, { method: 'GET', path: '/v1/departments' }, MAX_OPTIONS);
	return byName(
		departments
			.filter((entry) => entry.id !== undefined && entry.id !== null)
			.map((entry) => ({ name: text(entry.name) || `Department ${text(entry.id)}`, value: text(entry.id) })),
	);
}

function text(value: IDataObject[string]): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
