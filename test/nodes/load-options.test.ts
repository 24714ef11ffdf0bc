import type { IDataObject } from 'n8n-workflow';

import { getAgents, getCallerIds, getDepartments } from '../../nodes/Smartflo/methods/loadOptions';
import { startSandbox, type SandboxHandle } from '../../src/sandbox';
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
	expect(options.find((option) => option.value === numbers[0].did)?.name).toBe(`${numbers[0].did} (${numbers[0].alias || numbers[0].name})`);
});

it('lists the departments, valued by ID', async () => {
	const options = await getDepartments.call(loadOptionsContext());
	const departments = (await sandboxGet(sandbox, '/v1/departments')) as IDataObject[];
	expect(options).toEqual(
		expect.arrayContaining(departments.map((department) => ({ name: department.name, value: String(department.id) }))),
	);
	expect(options).toHaveLength(departments.length);
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
