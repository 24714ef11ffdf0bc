import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { customerWithNotes, sandboxGet } from './fixtures';
import { forResource, jsonOf, passwordCredential, runNode } from './harness';

let sandbox: SandboxHandle;
let numbers: IDataObject[];
let lists: IDataObject[];
let agents: string[];

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 6, liveCalls: 0 } });
	numbers = (await sandboxGet(sandbox, '/v1/my_number')) as IDataObject[];
	lists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[];
	agents = ((await sandboxGet(sandbox, '/v1/users?limit=3')) as { data: Array<{ agent: { id: string } }> }).data.map(
		(user) => user.agent.id,
	);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const { run, fail } = forResource('dialer', () => sandbox.url);
const requests = (path: string) => sandbox.stats().byPath[path] ?? 0;
const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });
let campaigns = 0;
const uniqueName = () => `node campaign ${++campaigns}`;

/** What Create Campaign needs, as a version 2 node holds it. */
const required = (extra: IDataObject = {}): IDataObject => ({
	operation: 'createCampaign',
	name: uniqueName(),
	dialMethod: '1',
	previewDuration: 15,
	outboundCallerId: locator(String(numbers[0].id)),
	dispositionList: '4001',
	retries: 1,
	retryAfterMinutes: 45,
	wrapUpSeconds: 20,
	dialStatuses: [0, -1],
	...extra,
});

describe('Dialer → Create Campaign', () => {
	it('sends the add page’s fields with Smartflo’s names: lead lists as lead_list_map, the caller ID as a list of My Number IDs, flags as 1 / 0', async () => {
		const parameters = required({
			leadLists: {
				list: [
					{ leadListId: locator(String(lists[0].id)), active: true },
					{ leadListId: locator(String(lists[1].id), 'id'), active: false },
				],
			},
			additionalFields: {
				agents: agents.slice(0, 2),
				hideLeadDetails: true,
				updateLeadDetails: false,
				ringStrategy: '3',
				ringTimeoutSeconds: 25,
				inbound: true,
				inboundQueue: '12',
				inboundLeadList: locator(String(lists[2].id)),
				description: ' Renewals ',
			},
		});
		const { output, authenticatedRequests } = await run(parameters);
		expect(authenticatedRequests).toHaveLength(1);
		expect(authenticatedRequests[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/v1\/dialer\/campaign$/) });
		expect(authenticatedRequests[0].body).toEqual({
			name: parameters.name,
			dial_method: '1',
			auto_dial_duration: 15,
			outbound_caller_id: [numbers[0].id],
			disposition_list: '4001',
			number_of_retry: 1,
			retry_after_minutes: 45,
			auto_disposition_cancel_duration: 20,
			dial_status: [0, -1],
			lead_list_map: [
				{ list_id: lists[0].id, list_status: 1 },
				{ list_id: lists[1].id, list_status: 0 },
			],
			agent: agents.slice(0, 2),
			hide_lead_details: 1,
			update_lead_details: 0,
			ring_strategy: '3',
			ring_timeout: 25,
			enable_inbound: 1,
			inbound_queue: '12',
			inbound_lead_list: String(lists[2].id),
			description: 'Renewals',
		});
		expect(jsonOf(output)).toEqual([{ success: true, message: 'Dialer campaign created successfully', campaign_id: expect.any(Number) }]);
	});

	it('a version 1 node with dropdown values sends the same request; Ratio sends its ratio, not a preview duration', async () => {
		const name = uniqueName();
		const v1 = await runNode({
			store: passwordCredential(sandbox.url),
			typeVersion: 1,
			parameters: {
				resource: 'dialer',
				...required({ name, dialMethod: '2', dialRatio: '1.5', outboundCallerId: String(numbers[1].id) }),
				leadLists: { list: [{ leadListId: String(lists[0].id), active: true }] },
			},
		});
		expect(v1.authenticatedRequests[0].body).toMatchObject({
			name,
			dial_method: '2',
			dial_ratio: '1.5',
			outbound_caller_id: [numbers[1].id],
			lead_list_map: [{ list_id: lists[0].id, list_status: 1 }],
		});
		expect(v1.authenticatedRequests[0].body).not.toHaveProperty('auto_dial_duration');
		expect(v1.output[0].json.success).toBe(true);
	});

	it('refuses a value Smartflo would refuse before sending, and reports Smartflo’s own validation by field', async () => {
		expect((await fail(required({ retries: -1 }))).message).toBe('Retries must be at least 0');
		expect((await fail(required({ dialStatuses: [] }))).message).toBe('Dial Statuses is required');
		expect(requests('POST /v1/dialer/campaign')).toBe(0);
		const error = await fail(required({ outboundCallerId: locator('999999', 'id') }));
		expect(error.message).toBe('Smartflo rejected the parameters: The given data was invalid.');
		expect(error.description).toBe('outbound_caller_id.0: The selected outbound caller id.0 is invalid.');
	});

	it('goes on after a failed item with Continue On Fail, each output paired with its item', async () => {
		const name = uniqueName();
		const { output } = await run((index) => required({ name: index === 1 ? name : `${name} ${index}`, retries: index === 0 ? -1 : 1 }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output.map((item) => [item.json.error ?? item.json.success, item.pairedItem])).toEqual([
			['Retries must be at least 0', { item: 0 }],
			[true, { item: 1 }],
		]);
	});
});

describe('Dialer → Update Campaign', () => {
	it('sends only the fields set, one caller ID, and changes the campaign', async () => {
		const { output, authenticatedRequests } = await run({
			operation: 'updateCampaign',
			campaignId: '8002',
			updateFields: {
				description: 'Now in the evenings',
				ringTimeoutSeconds: 30,
				outboundCallerId: locator(String(numbers[2].id)),
				leadLists: { list: [{ leadListId: locator(String(lists[1].id)), active: true }] },
			},
		});
		expect(authenticatedRequests[0]).toMatchObject({ method: 'PUT', url: expect.stringMatching(/\/v1\/dialer\/campaign\/8002$/) });
		expect(authenticatedRequests[0].body).toEqual({
			description: 'Now in the evenings',
			ring_timeout: 30,
			outbound_caller_id: numbers[2].id,
			lead_list_map: [{ list_id: lists[1].id, list_status: 1 }],
		});
		expect(jsonOf(output)).toEqual([{ success: true, message: 'Dialer campaign updated successfully' }]);
	});

	it('needs something to update, and reports an unknown campaign as Smartflo’s refusal', async () => {
		expect((await fail({ operation: 'updateCampaign', campaignId: '8001', updateFields: {} })).message).toBe('Nothing to update');
		expect(requests('PUT /v1/dialer/campaign/{id}')).toBe(0);
		const error = await fail({ operation: 'updateCampaign', campaignId: '999', updateFields: { description: 'x' } });
		expect([error.message, error.httpCode]).toEqual(['Smartflo refused the request: Campaign not found', '200']);
	});
});

describe('Dialer → Start or End Session', () => {
	it('starts the credential user’s session in a campaign once, and ends it, logging the agent out when asked', async () => {
		const start = await run({ operation: 'sessionCall', session: 'start', campaignId: '8001' });
		expect(start.authenticatedRequests[0].body).toEqual({ startOrEnd: true, campaignId: '8001' });
		expect(jsonOf(start.output)).toEqual([{ success: true, message: 'Session started successfully' }]);
		expect((await fail({ operation: 'sessionCall', session: 'start', campaignId: '8002' })).message).toBe(
			'Smartflo refused the request: A session is already running in campaign 8001',
		);
		const end = await run({ operation: 'sessionCall', session: 'end', logout: true });
		expect(end.authenticatedRequests[0].body).toEqual({ startOrEnd: false, logout: true });
		expect(jsonOf(end.output)).toEqual([{ success: true, message: 'Session ended and agent logged out successfully' }]);
		expect((await fail({ operation: 'sessionCall', session: 'end', campaignId: '8001' })).message).toBe(
			'Smartflo refused the request: No session is running in this campaign',
		);
	});

	it('needs the campaign to start in', async () => {
		expect((await fail({ operation: 'sessionCall', session: 'start', campaignId: ' ' })).message).toBe(
			'Campaign ID is required to start a session',
		);
		expect(requests('POST /v1/dialer/session_call')).toBe(0);
	});
});

describe('Dialer → Get Many Call Notes', () => {
	it('lists a customer’s notes, all of them page by page or up to the limit', async () => {
		const { number, count } = await customerWithNotes(sandbox, 2);
		const direct = (await sandboxGet(sandbox, `/v1/call/notes/${number}?limit=100`)) as { results: IDataObject[] };
		sandbox.configure({ maxPageSize: 1 });
		sandbox.resetStats();
		try {
			const all = await run({ operation: 'getCallNotes', customerNumber: number, returnAll: true });
			expect(jsonOf(all.output)).toEqual(direct.results);
			expect(requests('GET /v1/call/notes/{client_number}')).toBe(count);
		} finally {
			sandbox.configure({ maxPageSize: 100 });
		}
		const limited = await run({ operation: 'getCallNotes', customerNumber: number, limit: 1 });
		expect(jsonOf(limited.output)).toEqual(direct.results.slice(0, 1));
		expect(limited.output[0].json).toMatchObject({ call_hint: expect.any(String), notes: { message: expect.any(String) } });
	});

	it('refuses a number that is too short before sending', async () => {
		const error = await fail({ operation: 'getCallNotes', customerNumber: '12345', returnAll: true });
		expect(error.message).toBe('Customer Number must have 10 to 15 digits (a leading + or 0 not counted)');
		expect(requests('GET /v1/call/notes/{client_number}')).toBe(0);
	});
});
