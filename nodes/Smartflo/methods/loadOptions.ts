import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import { LEAD_FIELDS, SMARTFLO_ENDPOINTS, type EndpointDefinition } from '../../../src/api/endpoints';
import { isJsonObject } from '../../../src/api/answer';
import { listEndpoint } from '../transport';
import { agentChoice, byName, callerIdChoice, choicesOf, myNumberChoice, namedChoice, text, type Choice } from './choices';

/** Enough for a dropdown; larger accounts type an ID in an expression. */
const MAX_OPTIONS = 2000;

const { broadcast, department, lead, myNumber, routing, user } = SMARTFLO_ENDPOINTS;

/** Agents from `GET /v1/users`: the value is `agent.id`, which calls and filters want. */
export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, user.getMany, agentChoice);
}

/** Phone numbers (DIDs) from `GET /v1/my_number`: the value is the number itself, as caller IDs are sent. */
export async function getCallerIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, myNumber.getMany, callerIdChoice);
}

/** Phone numbers from `GET /v1/my_number` by their ID, which users' caller IDs and number updates want. */
export async function getMyNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, myNumber.getMany, myNumberChoice);
}

/** Departments from `GET /v1/departments`: the value is the department ID. */
export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, department.getMany, namedChoice('Department'));
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, user.roles, namedChoice('Role'));
}

export async function getIvrs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, routing.ivrs, namedChoice('IVR'));
}

export async function getAutoAttendants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, routing.autoAttendants, namedChoice('Auto attendant'));
}

export async function getTimeGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, routing.timeGroups, namedChoice('Time group'));
}

export async function getLeadLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, lead.lists, namedChoice('Lead list'));
}

export async function getBroadcasts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, broadcast.getMany, namedChoice('Broadcast'));
}

/**
 * The custom fields of the chosen lead list under the names the list gives them (`fields` of
 * `GET /v1/broadcast/lists`), else as Smartflo's documentation names them.
 */
export async function getLeadFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const custom = LEAD_FIELDS.slice(5);
	// A dropdown (version 1) holds the ID itself, a resource locator (version 2) holds it as its value.
	const current = this.getCurrentNodeParameter('leadListId');
	const listId = text(isResourceLocatorValue(current) ? current.value : current);
	const names = new Map<string, string>();
	if (listId !== '' && !listId.startsWith('=')) {
		const list = (await records.call(this, lead.lists)).find((entry) => text(entry.id) === listId);
		for (const field of Array.isArray(list?.fields) ? list.fields : []) {
			if (isJsonObject(field) && text(field.field) !== '' && text(field.name) !== '') names.set(text(field.field), text(field.name));
		}
	}
	return custom.map(({ name, label }) => ({ name: `${names.get(name) ?? label} (${name})`, value: name }));
}

async function options(
	this: ILoadOptionsFunctions,
	endpoint: EndpointDefinition,
	choice: (entry: IDataObject) => Choice | undefined,
): Promise<INodePropertyOptions[]> {
	return byName(choicesOf(await records.call(this, endpoint), choice).map(({ name, value }) => ({ name, value })));
}

async function records(this: ILoadOptionsFunctions, endpoint: EndpointDefinition): Promise<IDataObject[]> {
	return await listEndpoint.call(this, endpoint, {}, MAX_OPTIONS);
}
