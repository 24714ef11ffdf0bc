import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { getLeadFields } from '../../nodes/Smartflo/methods/loadOptions';
import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { asLoadOptions, createExecuteContext } from '../helpers/n8n-execute';
import { sandboxGet } from './fixtures';
import { forResource, jsonOf, node, passwordCredential, runNode } from './harness';

let sandbox: SandboxHandle;
let lists: IDataObject[] = [];
let broadcasts: IDataObject[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 4, callRecords: 0, liveCalls: 0 } });
	lists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[];
	broadcasts = ((await sandboxGet(sandbox, '/v2/broadcasts')) as { data: IDataObject[] }).data;
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.configure({ maxPageSize: 100 });
	sandbox.resetStats();
});

const requests = (route: string) => sandbox.stats().byPath[route] ?? 0;
const leadsOf = async (listId: unknown) => (await sandboxGet(sandbox, `/v1/broadcast/leads/${listId}`)) as IDataObject[];
const { run, fail } = forResource('lead', () => sandbox.url);
let number = 9_700_000_000;
const nextNumber = () => String(++number);

describe('Lead List → Get Many', () => {
	it('lists the lead lists with the names of their fields', async () => {
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'leadList', operation: 'getMany', returnAll: true },
		});
		expect(jsonOf(output)).toEqual(lists);
		expect(output[0].json.fields).toEqual(expect.arrayContaining([{ field: 'field_0', name: 'Phone Number' }]));
		const limited = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource: 'leadList', operation: 'getMany', limit: 2 },
		});
		expect(limited.output).toHaveLength(2);
	});
});

describe('Lead → Add', () => {
	it('sends readable fields as Smartflo’s field_N, custom fields under the list’s names, and priority', async () => {
		const phone = nextNumber();
		const { output } = await run({
			operation: 'create',
			leadListId: String(lists[0].id),
			phoneNumber: phone,
			additionalFields: { name: 'Asha Rao', email: 'asha@example.in', address: 'Pune', company: 'Rao Traders', priority: 25 },
			customFields: {
				field: [
					{ name: 'field_5', value: '4500000' },
					{ name: 'field_7', value: 'Marathi' },
				],
			},
		});
		expect(output[0].json).toEqual({ success: true, message: 'Lead added successfully', lead_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		const [lead] = (await sandboxGet(sandbox, `/v1/broadcast/leads/${lists[0].id}?number=${phone}`)) as IDataObject[];
		expect(lead).toMatchObject({
			lead_id: output[0].json.lead_id,
			field_0: phone,
			field_1: 'Asha Rao',
			field_2: 'asha@example.in',
			field_3: 'Pune',
			field_4: 'Rao Traders',
			field_5: '4500000',
			field_7: 'Marathi',
			priority: 25,
			created_at: { $date: { $numberLong: expect.stringMatching(/^\d{13}$/) } },
		});
	});

	it('offers the list’s own names for its custom fields', async () => {
		const context = asLoadOptions(
			createExecuteContext({
				description: node.description,
				store: passwordCredential(sandbox.url),
				parameters: { leadListId: String(lists[0].id) },
			}).context,
		);
		const fields = await getLeadFields.call(context);
		expect(fields.slice(0, 3)).toEqual([
			{ name: 'Loan Amount (field_5)', value: 'field_5' },
			{ name: 'City (field_6)', value: 'field_6' },
			{ name: 'Preferred Language (field_7)', value: 'field_7' },
		]);
		expect(fields[3]).toEqual({ name: 'Custom Field 4 (field_8)', value: 'field_8' });
		expect(fields).toHaveLength(7);
	});

	it('handles a number already in the list as If Already There says: skip, overwrite or clone', async () => {
		const phone = nextNumber();
		const add = (duplicateOption: string, name: string) =>
			run({ operation: 'create', leadListId: String(lists[1].id), phoneNumber: phone, additionalFields: { name, duplicateOption } });
		await add('skip', 'First');
		expect((await add('skip', 'Second')).output[0].json.message).toBe('Duplicate lead skipped');
		expect((await leadsOf(lists[1].id)).filter((lead) => lead.field_0 === phone).map((lead) => lead.field_1)).toEqual(['First']);
		expect((await add('overwrite', 'Third')).output[0].json.message).toBe('Lead updated successfully');
		await add('clone', 'Fourth');
		expect((await leadsOf(lists[1].id)).filter((lead) => lead.field_0 === phone).map((lead) => lead.field_1)).toEqual(['Third', 'Fourth']);
	});

	it('adds to the lead list of a broadcast: the broadcast’s list ID goes to Smartflo, never the broadcast ID', async () => {
		const broadcast = broadcasts[1];
		const phone = nextNumber();
		await run({ operation: 'create', target: 'broadcast', broadcastId: String(broadcast.id), phoneNumber: phone });
		expect(requests('GET /v1/broadcast/{id}')).toBe(1);
		expect((await leadsOf(broadcast.phone_number_list)).some((lead) => lead.field_0 === phone)).toBe(true);
		// The broadcast's own ID is not a lead list: Smartflo refuses it.
		const error = await fail({ operation: 'create', leadListId: String(broadcast.id), phoneNumber: phone });
		expect(error.message).toBe('Smartflo refused the request: Lead list not found');
		expect(error.httpCode).toBe('200');
	});

	it.each([
		[{ phoneNumber: ' ' }, 'Phone Number is required'],
		[{ additionalFields: { priority: 31 } }, 'Priority must be between 1 and 30'],
		[{ additionalFields: { duplicateOption: 'merge' } }, 'If Already There must be one of skip, overwrite, clone, not "merge"'],
	])('refuses %j before calling Smartflo', async (extra, message) => {
		const error = await fail({ operation: 'create', leadListId: String(lists[0].id), phoneNumber: nextNumber(), ...extra });
		expect(error.message).toBe(message);
		expect(requests('POST /v1/broadcast/lead/{id}')).toBe(0);
	});

	it('reports Smartflo’s validation of the phone number', async () => {
		const error = await fail({ operation: 'create', leadListId: String(lists[0].id), phoneNumber: '12345' });
		expect(error.message).toBe('Smartflo rejected the parameters: The given data was invalid.');
		expect(error.description).toBe('field_0: The field 0 format is invalid.');
	});
});

describe('Lead → Add Many', () => {
	const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { phone: nextNumber(), name: `Lead ${index}` } }));
	const fromItems =
		(batch: INodeExecutionData[], extra: IDataObject = {}) =>
		(index: number) => ({
			operation: 'createMany',
			leadListId: String(lists[2].id),
			phoneNumber: batch[index].json.phone,
			additionalFields: { name: batch[index].json.name },
			batchSize: 2,
			...extra,
		});

	it('sends the input items as leads in batches of Batch Size, one output item per batch paired with its items', async () => {
		const before = (await leadsOf(lists[2].id)).length;
		const batch = items(5);
		const { output } = await run(fromItems(batch), { items: batch });
		expect(requests('POST /v1/broadcast/leads/{id}')).toBe(3);
		expect(output.map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 1 }], [{ item: 2 }, { item: 3 }], [{ item: 4 }]]);
		expect(output[0].json).toEqual({
			success: true,
			message: 'Leads are being uploaded',
			batch_id: expect.any(String),
			list_id: String(lists[2].id),
			leads: 2,
		});
		const leads = await leadsOf(lists[2].id);
		expect(leads).toHaveLength(before + 5);
		expect(leads.slice(-5).map((lead) => [lead.field_0, lead.field_1])).toEqual(batch.map((item) => [item.json.phone, item.json.name]));
		const status = (await sandboxGet(sandbox, `/v1/broadcast/batch_status/${output[2].json.batch_id}`)) as IDataObject;
		expect(status).toMatchObject({ status: 'completed', total: 1, inserted: 1 });
	});

	it('looks up a broadcast’s lead list once for all the items', async () => {
		const batch = items(3);
		const broadcast = broadcasts[0];
		const before = (await leadsOf(broadcast.phone_number_list)).length;
		await run(fromItems(batch, { target: 'broadcast', broadcastId: String(broadcast.id), batchSize: 100 }), { items: batch });
		expect(requests('GET /v1/broadcast/{id}')).toBe(1);
		expect(requests('POST /v1/broadcast/leads/{id}')).toBe(1);
		expect(await leadsOf(broadcast.phone_number_list)).toHaveLength(before + 3);
	});

	it('with Continue On Fail, an invalid item is an error item in its place and the others are sent', async () => {
		const batch = items(3);
		batch[1].json.phone = '';
		const { output } = await run(fromItems(batch), { items: batch, continueOnFail: true });
		expect(output[0]).toEqual({ json: { error: 'Phone Number is required', description: 'Set Phone Number.' }, pairedItem: { item: 1 } });
		expect(output.slice(1).map((item) => item.pairedItem)).toEqual([[{ item: 0 }, { item: 2 }]]);
	});

	it('without Continue On Fail, an invalid item stops the run at its index, before anything is sent', async () => {
		const batch = items(3);
		batch[2].json.phone = '';
		const error = await fail(fromItems(batch), { items: batch });
		expect(error.message).toBe('Phone Number is required');
		expect(error.context?.itemIndex).toBe(2);
		expect(requests('POST /v1/broadcast/leads/{id}')).toBe(0);
	});

	it('a batch Smartflo refuses gives each of its items an error item with Continue On Fail', async () => {
		const batch = items(2);
		const { output } = await run(fromItems(batch, { leadListId: '404' }), { items: batch, continueOnFail: true });
		expect(output).toEqual([
			{ json: { error: 'Smartflo refused the request: Lead list not found', description: expect.any(String) }, pairedItem: { item: 0 } },
			{ json: { error: 'Smartflo refused the request: Lead list not found', description: expect.any(String) }, pairedItem: { item: 1 } },
		]);
	});
});

describe('Lead → Get Many / Delete', () => {
	it('lists a list’s leads (all, up to a limit, or by number), and of a broadcast’s list', async () => {
		const direct = await leadsOf(lists[0].id);
		expect(jsonOf((await run({ operation: 'getMany', leadListId: String(lists[0].id), returnAll: true })).output)).toEqual(direct);
		expect((await run({ operation: 'getMany', leadListId: String(lists[0].id), limit: 3 })).output).toHaveLength(3);
		const byNumber = await run({
			operation: 'getMany',
			leadListId: String(lists[0].id),
			returnAll: true,
			filters: { number: `+91${direct[4].field_0}` },
		});
		expect(jsonOf(byNumber.output)).toEqual([direct[4]]);
		const viaBroadcast = await run({ operation: 'getMany', target: 'broadcast', broadcastId: String(broadcasts[0].id), returnAll: true });
		expect(jsonOf(viaBroadcast.output)).toEqual(await leadsOf(broadcasts[0].phone_number_list));
	});

	it('refuses an unknown lead list with Smartflo’s message', async () => {
		expect((await fail({ operation: 'getMany', leadListId: '1', returnAll: true })).message).toBe(
			'Smartflo refused the request: Lead list not found',
		);
	});

	it('deletes a lead and says deleted; a lead already gone is Smartflo’s refusal', async () => {
		const [lead] = await leadsOf(lists[1].id);
		expect((await run({ operation: 'delete', leadId: lead.lead_id })).output[0].json).toEqual({ deleted: true, lead_id: lead.lead_id });
		expect((await leadsOf(lists[1].id)).some((entry) => entry.lead_id === lead.lead_id)).toBe(false);
		expect((await fail({ operation: 'delete', leadId: lead.lead_id })).message).toBe('Smartflo refused the request: Lead not found');
	});
});

describe('Lead → Get DND Leads', () => {
	it('follows last_seen_id until hasMore is false, and filters by DND list', async () => {
		const all = ((await sandboxGet(sandbox, '/v1/broadcast/dnd/leads?limit=100')) as { data: IDataObject[] }).data;
		sandbox.configure({ maxPageSize: 10 });
		sandbox.resetStats();
		const { output } = await run({ operation: 'getDnd', returnAll: true });
		expect(jsonOf(output)).toEqual(all);
		expect(requests('GET /v1/broadcast/dnd/leads')).toBe(Math.ceil(all.length / 10));
		expect(output[0].json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0530$/);
		const listTwo = jsonOf((await run({ operation: 'getDnd', returnAll: true, filters: { listId: '2' } })).output);
		expect(listTwo).toEqual(all.filter((entry) => entry.list_id === 2));
		expect(listTwo.length).toBeGreaterThan(0);
	});

	it('asks for no more than the limit', async () => {
		sandbox.configure({ maxPageSize: 10 });
		const { output } = await run({ operation: 'getDnd', limit: 12 });
		expect(output).toHaveLength(12);
		expect(requests('GET /v1/broadcast/dnd/leads')).toBe(2);
	});
});
