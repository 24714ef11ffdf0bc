import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { LEAD_FIELDS, SMARTFLO_ENDPOINTS, type EndpointDefinition } from '../../../src/api/endpoints';
import { isJsonObject } from '../../../src/api/answer';
import { listEndpoint } from '../transport';

/** Enough for a dropdown; larger accounts type an ID in an expression. */
const MAX_OPTIONS = 2000;

const { broadcast, department, lead, myNumber, routing, user } = SMARTFLO_ENDPOINTS;

/** Agents from `GET /v1/users`: the value is `agent.id`, which calls and filters want. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await records.call(this, user.getMany);
	const options: INodePropertyOptions[] = [];
	for (const entry of users) {
		const agent = isJsonObject(entry.agent) ? entry.agent : undefined;
		if (agent?.id === undefined || agent.id === null || agent.id === '') continue;
		const id = String(agent.id);
		options.push({ name: `${text(entry.name) || text(agent.name) || 'Agent'} (${id})`, value: id });
	}
	return byName(options);
}

/** Phone numbers (DIDs) from `GET /v1/my_number`: the value is the number itself, as caller IDs are sent. */
export async function getCallerIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await records.call(this, myNumber.getMany);
	return byName(numbers.filter((entry) => text(entry.did) !== '').map((entry) => ({ name: numberLabel(entry), value: text(entry.did) })));
}

/** Phone numbers from `GET /v1/my_number` by their ID, which users' caller IDs and number updates want. */
export async function getMyNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await records.call(this, myNumber.getMany);
	return byId(numbers, numberLabel);
}

/** A number as dropdowns show it: the DID, with its alias or name. */
function numberLabel(entry: IDataObject): string {
	const label = text(entry.alias) || text(entry.name);
	return label ? `${text(entry.did)} (${label})` : text(entry.did);
}

/** Departments from `GET /v1/departments`: the value is the department ID. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, department.getMany), (entry) => text(entry.name) || `Department ${text(entry.id)}`);
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, user.roles), (entry) => text(entry.name) || `Role ${text(entry.id)}`);
}

export async function getIvrs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, routing.ivrs), (entry) => text(entry.name) || `IVR ${text(entry.id)}`);
}

export async function getAutoAttendants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, routing.autoAttendants), (entry) => text(entry.name) || `Auto attendant ${text(entry.id)}`);
}

export async function getTimeGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, routing.timeGroups), (entry) => text(entry.name) || `Time group ${text(entry.id)}`);
}

export async function getLeadLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, lead.lists), (entry) => text(entry.name) || `Lead list ${text(entry.id)}`);
}

export async function getBroadcasts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return byId(await records.call(this, broadcast.getMany), (entry) => text(entry.name) || `Broadcast ${text(entry.id)}`);
}

/**
 * The custom fields of the chosen lead list under the names the list gives them (`fields` of
 * `GET /v1/broadcast/lists`), else as Smartflo's documentation names them.
 */
export async function getLeadFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const custom = LEAD_FIELDS.slice(5);
	const listId = text(this.getCurrentNodeParameter('leadListId') as IDataObject[string]);
	const names = new Map<string, string>();
	if (listId !== '' && !listId.startsWith('=')) {
		const list = (await records.call(this, lead.lists)).find((entry) => text(entry.id) === listId);
		for (const field of Array.isArray(list?.fields) ? list.fields : []) {
			if (isJsonObject(field) && text(field.field) !== '' && text(field.name) !== '') names.set(text(field.field), text(field.name));
		}
	}
	return custom.map(({ name, label }) => ({ name: `${names.get(name) ?? label} (${name})`, value: name }));
}

async function records(this: ILoadOptionsFunctions, endpoint: EndpointDefinition): Promise<IDataObject[]> {
	return await listEndpoint.call(this, endpoint, {}, MAX_OPTIONS);
}

function byId(entries: IDataObject[], nameOf: (entry: IDataObject) => string): INodePropertyOptions[] {
	return byName(entries.filter((entry) => text(entry.id) !== '').map((entry) => ({ name: nameOf(entry), value: text(entry.id) })));
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
