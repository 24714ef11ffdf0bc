import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { forResource, jsonOf } from './harness';

let sandbox: SandboxHandle;
let users: IDataObject[] = [];
let dids: IDataObject[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 8, callRecords: 0, liveCalls: 0 } });
	users = ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: IDataObject[] }).data;
	dids = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const agentIds = (count: number) => users.slice(0, count).map((user) => String((user.agent as IDataObject).id));

describe('IVR → Get Many', () => {
	const { run } = forResource('ivr', () => sandbox.url);

	it('lists the IVRs from Smartflo’s { ivrs } wrapper, with their menus', async () => {
		const { ivrs } = (await sandboxGet(sandbox, '/v1/ivrs')) as { ivrs: IDataObject[] };
		const { output } = await run({ operation: 'getMany', returnAll: true });
		expect(jsonOf(output)).toEqual(ivrs);
		expect(output[0].json.ivr_menu).toEqual(
			expect.arrayContaining([expect.objectContaining({ option: '1', destination_type: 'department' })]),
		);
		expect((await run({ operation: 'getMany', limit: 1 })).output).toHaveLength(1);
	});
});

describe('Department → Create', () => {
	const { run, fail } = forResource('department', () => sandbox.url);

	it('creates the department with its agents as extension||<agent id> and one timeout each', async () => {
		const { output } = await run({
			operation: 'create',
			name: 'collections',
			agents: agentIds(3),
			additionalFields: { description: 'Overdue payments', ringStrategy: 'round_robin', agentTimeout: 20 },
		});
		expect(output[0].json).toEqual({ success: true, message: 'Department created successfully', department_id: expect.any(Number) });
		const department = ((await sandboxGet(sandbox, '/v1/departments')) as IDataObject[]).find(
			(entry) => entry.id === output[0].json.department_id,
		) as IDataObject;
		expect(department).toMatchObject({
			name: 'collections',
			description: 'Overdue payments',
			ring_strategy: 'round_robin',
			agent_count: 3,
		});
		expect((department.agents as IDataObject[]).map((agent) => [agent.eid, agent.timeout])).toEqual(agentIds(3).map((id) => [id, 20]));
	});

	it('refuses a missing name before calling Smartflo, and reports Smartflo’s validation (a name taken, an unknown agent)', async () => {
		expect((await fail({ operation: 'create', name: '', agents: agentIds(1) })).message).toBe('Name is required');
		expect(sandbox.stats().byPath['POST /v1/department']).toBeUndefined();
		const error = await fail({ operation: 'create', name: 'Sales', agents: ['0000000000000'] });
		expect(error.description).toBe('name: The name has already been taken.; destination.0: The selected destination.0 is invalid.');
		expect(error.httpCode).toBe('422');
	});
});

describe('My Number → Update', () => {
	const { run, fail } = forResource('myNumber', () => sandbox.url);
	const destinationOf = async (id: unknown) =>
		((await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[]).find((entry) => entry.id === id)?.destination;

	it.each([
		['agent', (): IDataObject => ({ destinationAgent: agentIds(1)[0] }), () => `agent||${agentIds(1)[0]}`],
		['ivr', () => ({ destinationIvr: '302' }), () => 'ivr||302'],
		['department', () => ({ destinationDepartment: '4202' }), () => 'department||4202'],
		['auto_attend', () => ({ destinationAutoAttendant: '601' }), () => 'auto_attend||601'],
		['time_condition', () => ({ destinationTimeCondition: '77' }), () => 'time_condition||77'],
		['custom_dialplan', () => ({ destinationCustomDialplan: 'night-shift' }), () => 'custom_dialplan||night-shift'],
		['hangup', () => ({}), () => 'hangup||1'],
	])('routes the number to the %s type, built as type||id', async (destinationType, target, expected) => {
		const { output } = await run({ operation: 'update', numberId: String(dids[1].id), destinationType, ...target() });
		expect(output[0].json).toEqual({ success: true, message: 'Number updated successfully' });
		expect(await destinationOf(dids[1].id)).toBe(expected());
	});

	it('keeps the destination when only the name changes', async () => {
		await run({ operation: 'update', numberId: String(dids[2].id), destinationType: 'ivr', destinationIvr: '301' });
		await run({ operation: 'update', numberId: String(dids[2].id), updateFields: { name: 'Night line' } });
		const updated = ((await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[]).find((entry) => entry.id === dids[2].id);
		expect(updated).toMatchObject({ name: 'Night line', destination: 'ivr||301' });
	});

	it('refuses an update with nothing in it, a destination without its target, and passes on a destination Smartflo does not know', async () => {
		expect((await fail({ operation: 'update', numberId: String(dids[1].id) })).message).toBe('Nothing to update');
		expect((await fail({ operation: 'update', numberId: String(dids[1].id), destinationType: 'ivr', destinationIvr: '' })).message).toBe(
			'The IVR destination needs the IVR ID',
		);
		expect(sandbox.stats().byPath['PUT /v1/my_number/{id}']).toBeUndefined();
		const error = await fail({
			operation: 'update',
			numberId: String(dids[1].id),
			destinationType: 'department',
			destinationDepartment: '9',
		});
		expect(error.message).toBe('Smartflo refused the request: Destination not found');
		expect(error.httpCode).toBe('200');
	});
});
