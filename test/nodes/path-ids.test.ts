import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { forResource } from './harness';

let sandbox: SandboxHandle;
let listId = '';

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 3, callRecords: 0, liveCalls: 0 } });
	listId = String(((await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[])[0].id);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const lead = forResource('lead', () => sandbox.url);
const user = forResource('user', () => sandbox.url);
/** IDs as they come from an expression over upstream data: the item's `id`. */
const fromItems = (...ids: string[]) => ({ items: ids.map((id) => ({ json: { id } })) });
const FROM_ITEM = '={{ $json.id }}';

describe('an ID that is not a plain ID is refused before anything reaches Smartflo', () => {
	it.each([
		[
			'Lead → Add with lead list ..',
			() => lead.fail({ operation: 'create', leadListId: FROM_ITEM, phoneNumber: '9876543210' }, fromItems('..')),
			'Lead List ID',
		],
		['Lead → Delete with lead ..', () => lead.fail({ operation: 'delete', leadId: FROM_ITEM }, fromItems('..')), 'Lead ID'],
		[
			'User → Update with user ..',
			() => user.fail({ operation: 'update', userId: FROM_ITEM, updateFields: { name: 'Asha Rao' } }, fromItems('..')),
			'User ID',
		],
		[
			'Lead → Add with a percent-encoded dot segment',
			() => lead.fail({ operation: 'create', leadListId: FROM_ITEM, phoneNumber: '9876543210' }, fromItems('%2E%2e')),
			'Lead List ID',
		],
		['Lead → Delete with a path', () => lead.fail({ operation: 'delete', leadId: FROM_ITEM }, fromItems('../../v1/users')), 'Lead ID'],
		[
			'User → Update with full-width dots',
			() => user.fail({ operation: 'update', userId: FROM_ITEM, updateFields: { name: 'Asha Rao' } }, fromItems('\uff0e\uff0e')),
			'User ID',
		],
	])('%s: an error naming the field, and 0 requests (not even a login)', async (_case, attempt, label) => {
		const error = await attempt();
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(new RegExp(`^${label} must be an ID: `));
		expect(error.description).toMatch(new RegExp(`^Set ${label} to the ID itself`));
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.stats().requests).toBe(0);
	});

	it('with Continue On Fail, the item with the bad ID fails and the good one is sent', async () => {
		const { output } = await lead.run(
			{ operation: 'create', leadListId: FROM_ITEM, phoneNumber: '9876543211' },
			{ ...fromItems('..', listId), continueOnFail: true },
		);
		expect(output[0].json.error).toMatch(/^Lead List ID must be an ID: /);
		expect(output[1].json).toMatchObject({ success: true });
		const { byPath } = sandbox.stats();
		expect(byPath['POST /v1/broadcast/lead/{id}']).toBe(1);
		expect(byPath['POST /v1/broadcast']).toBeUndefined();
	});
});
