import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodePropertyRegexValidation,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { firstUser, newBroadcast, sandboxGet } from './fixtures';
import { node, passwordCredential, runNode, runNodeError } from './harness';
import version1Properties from './version-1-properties.json';

/** The operations added after the properties of version 1 were recorded (0.2.x): both versions offer them. */
const ADDED_OPERATIONS = ['createCampaign', 'updateCampaign', 'sessionCall', 'getCallNotes'];

/** The properties a node of `version` can show (collections' options too), with the version conditions dropped. */
function propertiesFor(version: number, properties: INodeProperties[]): INodeProperties[] {
	return properties
		.filter((property) =>
			NodeHelpers.displayParameter(
				{},
				{ ...property, displayOptions: versionOnly(property.displayOptions) },
				{ typeVersion: version },
				null,
			),
		)
		.map((property) => {
			const copy = { ...property, displayOptions: withoutVersion(property.displayOptions) };
			if (!copy.displayOptions) delete copy.displayOptions;
			if (property.type === 'collection' && property.options) copy.options = propertiesFor(version, property.options as INodeProperties[]);
			if (property.type === 'fixedCollection' && property.options)
				copy.options = (property.options as INodePropertyCollection[]).map((option) => ({
					...option,
					values: propertiesFor(version, option.values),
				}));
			return copy;
		});
}

function versionOnly(displayOptions: IDisplayOptions | undefined): IDisplayOptions | undefined {
	const version = displayOptions?.show?.['@version'];
	return version === undefined ? undefined : { show: { '@version': version } };
}

function withoutVersion(displayOptions: IDisplayOptions | undefined): IDisplayOptions | undefined {
	if (!displayOptions?.show || !('@version' in displayOptions.show)) return displayOptions;
	const { '@version': _version, ...show } = displayOptions.show;
	if (Object.keys(show).length === 0 && !displayOptions.hide) return undefined;
	return { ...displayOptions, show };
}

const isAdded = (property: INodeProperties) =>
	(property.displayOptions?.show?.operation ?? []).some((name) => ADDED_OPERATIONS.includes(String(name)));

describe('node versions', () => {
	it('version 1 shows exactly the parameters it had, besides the operations added since', () => {
		const shown = propertiesFor(1, node.description.properties)
			.filter((property) => !isAdded(property))
			.map((property) =>
				property.name === 'operation'
					? {
							...property,
							options: (property.options as INodePropertyOptions[]).filter((option) => !ADDED_OPERATIONS.includes(String(option.value))),
						}
					: property,
			);
		expect(shown).toEqual(version1Properties);
	});

	it('version 2 shows a searchable resource locator, From List or By ID, wherever version 1 has a dropdown of these or an ID field', () => {
		const pickers = new Map<string, string>([
			['getAgents', 'searchAgents'],
			['getCallerIds', 'searchCallerIds'],
			['getMyNumbers', 'searchMyNumbers'],
			['getDepartments', 'searchDepartments'],
			['getIvrs', 'searchIvrs'],
			['getAutoAttendants', 'searchAutoAttendants'],
			['getLeadLists', 'searchLeadLists'],
			['getBroadcasts', 'searchBroadcasts'],
		]);
		const nested = (property: INodeProperties): INodeProperties[] =>
			property.type === 'collection'
				? (property.options as INodeProperties[])
				: property.type === 'fixedCollection'
					? (property.options as INodePropertyCollection[]).flatMap((option) => option.values)
					: [];
		const flat = (properties: INodeProperties[]): INodeProperties[] =>
			properties.flatMap((property) => [property, ...flat(nested(property))]);
		const version1 = flat(propertiesFor(1, node.description.properties));
		const version2 = flat(propertiesFor(2, node.description.properties));
		const replaced = version1.filter(
			(property) =>
				(property.type === 'options' && pickers.has(String(property.typeOptions?.loadOptionsMethod))) || property.name === 'userId',
		);
		expect(replaced.length).toBeGreaterThanOrEqual(20);
		for (const old of replaced) {
			const locator = version2.find(
				(candidate) => candidate.name === old.name && JSON.stringify(candidate.displayOptions) === JSON.stringify(old.displayOptions),
			);
			const search = old.name === 'userId' ? 'searchUsers' : pickers.get(String(old.typeOptions?.loadOptionsMethod));
			expect([old.name, locator?.type, locator?.required]).toEqual([old.name, 'resourceLocator', old.required]);
			expect(locator?.default).toEqual({ mode: 'list', value: '' });
			const [list, byId] = locator?.modes ?? [];
			expect(list).toMatchObject({ name: 'list', type: 'list', typeOptions: { searchListMethod: search, searchable: true } });
			expect(byId).toMatchObject({ name: 'id', type: 'string', validation: [{ type: 'regex' }] });
			expect(Object.keys(node.methods.listSearch)).toContain(search);
			expect(locator?.description).not.toMatch(/Choose from the list/);
		}
		// Left as dropdowns: roles, time groups, lead fields (small fixed lists) and the multi-selects.
		const dropdowns = version2.filter((property) => property.typeOptions?.loadOptionsMethod !== undefined && property.type === 'options');
		expect(new Set(dropdowns.map((property) => property.typeOptions?.loadOptionsMethod))).toEqual(
			new Set(['getRoles', 'getTimeGroups', 'getLeadFields']),
		);
		expect(version2.filter((property) => property.type === 'multiOptions').map((property) => property.name)).toEqual(
			expect.arrayContaining(['agents', 'departments', 'callerIds']),
		);
	});

	it('the By ID modes accept IDs and refuse what is not one', () => {
		const locators = propertiesFor(2, node.description.properties).filter((property) => property.type === 'resourceLocator');
		const byId = (name: string) => {
			const mode = locators.find((property) => property.name === name)?.modes?.find((entry) => entry.name === 'id');
			const validation = mode?.validation?.[0] as INodePropertyRegexValidation;
			return new RegExp(`^${validation.properties.regex}$`);
		};
		expect(byId('agentId').test('0502842370097')).toBe(true);
		expect(byId('agentId').test('agent 1')).toBe(false);
		expect(byId('broadcastId').test('7001')).toBe(true);
		expect(byId('broadcastId').test('7001/../1')).toBe(false);
		expect(byId('userId').test('62501')).toBe(true);
	});
});

describe('a node of each version against the sandbox', () => {
	let sandbox: SandboxHandle;
	let agentId: string;
	let userId: number;
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: { users: 8, callRecords: 0, liveCalls: 0 } });
		({ agentId, userId } = await firstUser(sandbox));
	});
	afterAll(() => sandbox.close());

	/** What the node sent for these parameters, as a node of `typeVersion`. */
	async function sent(typeVersion: number, parameters: IDataObject) {
		const { output, authenticatedRequests } = await runNode({ store: passwordCredential(sandbox.url), parameters, typeVersion });
		return {
			output: output.map((item) => item.json),
			requests: authenticatedRequests.map(({ method, url, qs, body }) => ({ method, url, qs, body })),
		};
	}
	const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });

	it('Click to Call: 0.2.0’s dropdown values in version 1, resource locators in version 2, the same request', async () => {
		const did = ((await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[])[0].did as string;
		const common = { resource: 'call', operation: 'clickToCall', destinationNumber: '9876543210', getCallId: false };
		const version1 = await sent(1, { ...common, agentNumber: agentId, options: { callerId: did } });
		const version2 = await sent(2, { ...common, agentNumber: locator(agentId), options: { callerId: locator(did, 'id') } });
		expect(version1.requests).toEqual(version2.requests);
		expect(version1.requests[0].body).toMatchObject({ agent_number: agentId, destination_number: '9876543210', caller_id: did });
		expect(version2.output[0]).toMatchObject({ success: true });
	});

	it('Broadcast → Get and Start, Lead → Get Many through a broadcast, User → Get, a number’s department destination', async () => {
		const departments = (await sandboxGet(sandbox, '/v1/departments')) as IDataObject[];
		const numbers = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
		const cases: Array<[IDataObject, IDataObject, IDataObject]> = [
			[{ resource: 'broadcast', operation: 'get' }, { broadcastId: '7002' }, {}],
			[{ resource: 'lead', operation: 'getMany', target: 'broadcast', returnAll: true }, { broadcastId: '7001' }, {}],
			[{ resource: 'user', operation: 'get' }, { userId: String(userId) }, {}],
			[
				{ resource: 'myNumber', operation: 'update', destinationType: 'department' },
				{ numberId: String(numbers[1].id), destinationDepartment: String(departments[0].id) },
				{},
			],
		];
		for (const [common, picked] of cases) {
			const version1 = await sent(1, { ...common, ...picked });
			const asLocators = Object.fromEntries(Object.entries(picked).map(([name, value]) => [name, locator(String(value), 'id')]));
			const version2 = await sent(2, { ...common, ...asLocators });
			expect([common.operation, version2.requests]).toEqual([common.operation, version1.requests]);
			expect(version2.output).toEqual(version1.output);
		}
		// Each version starts a broadcast of its own.
		for (const [typeVersion, broadcastId] of [
			[1, await newBroadcast(sandbox)],
			[2, locator(await newBroadcast(sandbox))],
		] as const) {
			const { output } = await sent(typeVersion, { resource: 'broadcast', operation: 'start', broadcastId });
			expect(output).toEqual([{ success: true, message: 'Broadcast started successfully' }]);
		}
	});

	it('a plain ID stored by version 1 in a parameter that version 2 shows as a resource locator still runs in version 2', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'user', operation: 'get', userId: String(userId) },
			typeVersion: 2,
		});
		expect(output[0].json).toMatchObject({ id: userId });
	});

	it('resolves an expression in a resource locator per item', async () => {
		const { output, authenticatedRequests } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'user', operation: 'get', userId: locator('={{ $json.user }}', 'id') },
			items: [{ json: { user: userId } }],
			typeVersion: 2,
		});
		expect(authenticatedRequests[0].url).toMatch(new RegExp(`/v1/user/${userId}$`));
		expect(output[0].json).toMatchObject({ id: userId });
	});

	it('an empty resource locator is refused naming the field, before anything is sent', async () => {
		sandbox.resetStats();
		const agentless = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: {
				resource: 'dialer',
				operation: 'scheduleCallback',
				agentId: locator(''),
				customerNumber: '9876543210',
				scheduledFor: '2099-01-01 10:00:00',
			},
			typeVersion: 2,
		});
		expect(agentless.message).toBe('Agent is required');
		const unpicked = await runNodeError({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'broadcast', operation: 'get', broadcastId: locator('', 'id') },
			typeVersion: 2,
		});
		expect(unpicked.message).toBe('Broadcast ID is required');
		expect(sandbox.stats().apiRequests).toBe(0);
	});
});
