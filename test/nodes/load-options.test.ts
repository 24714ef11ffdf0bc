import type { IDataObject } from 'n8n-workflow';

import {
	getAgents,
	getAutoAttendants,
	getBroadcasts,
	getCallerIds,
	getDepartments,
	getIvrs,
	getLeadLists,
	getMyNumbers,
	getRoles,
	getTimeGroups,
} from '../../nodes/Smartflo/methods/loadOptions';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { asLoadOptions, createExecuteContext } from '../helpers/n8n-execute';
import { sandboxGet } from './fixtures';
import { node, passwordCredential } from './harness';

let sandbox: SandboxHandle;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 23, callRecords: 0, liveCalls: 0 } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const loadOptionsContext = () =>
	asLoadOptions(createExecuteContext({ description: node.description, store: passwordCredential(sandbox.url), parameters: {} }).context);

it('lists every agent across pages, valued by agent ID, sorted by name', async () => {
	const users = ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: Array<{ name: string; agent: { id: string } }> }).data;
	sandbox.configure({ maxPageSize: 10 });
	sandbox.resetStats();
	const options = await getAgents.call(loadOptionsContext());
	expect(options).toHaveLength(users.length);
	expect(options.map((option) => option.value).sort()).toEqual(users.map((user) => user.agent.id).sort());
	const names = options.map((option) => option.name);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	expect(names[0]).toMatch(/^.+ \(\d{13}\)$/);
	expect(sandbox.stats().byPath['GET /v1/users']).toBe(3);
});

it('lists the DIDs as caller IDs, valued by the number', async () => {
	const options = await getCallerIds.call(loadOptionsContext());
	const numbers = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
	expect(options.map((option) => option.value).sort()).toEqual(numbers.map((entry) => entry.did).sort());
	expect(options.find((option) => option.value === numbers[0].did)?.name).toBe(
		`${numbers[0].did} (${numbers[0].alias || numbers[0].name})`,
	);
});

it('lists the departments, valued by ID', async () => {
	const options = await getDepartments.call(loadOptionsContext());
	const departments = (await sandboxGet(sandbox, '/v1/departments')) as IDataObject[];
	expect(options).toEqual(
		expect.arrayContaining(departments.map((department) => ({ name: department.name, value: String(department.id) }))),
	);
	expect(options).toHaveLength(departments.length);
});

it('lists the account’s numbers by ID for caller-ID lists and number updates', async () => {
	const numbers = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
	const options = await getMyNumbers.call(loadOptionsContext());
	expect(options.map((option) => option.value).sort()).toEqual(numbers.map((entry) => String(entry.id)).sort());
	expect(options.find((option) => option.value === String(numbers[0].id))?.name).toBe(`${numbers[0].did} (${numbers[0].alias})`);
});

it.each([
	['roles', getRoles, '/v1/roles', (body: unknown) => body as IDataObject[]],
	['IVRs', getIvrs, '/v1/ivrs', (body: unknown) => (body as { ivrs: IDataObject[] }).ivrs],
	['auto attendants', getAutoAttendants, '/v1/auto_attendants', (body: unknown) => body as IDataObject[]],
	['time groups', getTimeGroups, '/v1/timegroups', (body: unknown) => body as IDataObject[]],
	['lead lists', getLeadLists, '/v1/broadcast/lists', (body: unknown) => body as IDataObject[]],
	['broadcasts', getBroadcasts, '/v2/broadcasts?limit=100', (body: unknown) => (body as { data: IDataObject[] }).data],
])('lists the %s by name, valued by ID', async (_what, method, path, recordsOf) => {
	const records = recordsOf(await sandboxGet(sandbox, path));
	const options = await method.call(loadOptionsContext());
	expect(options).toHaveLength(records.length);
	expect(options).toEqual(expect.arrayContaining(records.map((record) => ({ name: record.name, value: String(record.id) }))));
	const names = options.map((option) => option.name);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
});

it('are wired to the parameters that use them', () => {
	const methods = Object.keys(node.methods.loadOptions).sort();
	const used = new Set<string>();
	const collect = (properties: IDataObject[]) => {
		for (const property of properties) {
			const method = (property.typeOptions as IDataObject | undefined)?.loadOptionsMethod;
			if (typeof method === 'string') used.add(method);
			if (Array.isArray(property.options)) collect(property.options as IDataObject[]);
			if (Array.isArray(property.values)) collect(property.values as IDataObject[]);
		}
	};
	collect(node.description.properties as unknown as IDataObject[]);
	expect([...used].sort()).toEqual(methods);
});
