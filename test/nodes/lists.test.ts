import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { jsonOf, passwordCredential, runNode } from './harness';

let sandbox: SandboxHandle;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 10, callRecords: 0, liveCalls: 0 } });
});
afterAll(() => sandbox.close());

describe.each([
	['myNumber', '/v1/my_number', 'did'],
	['department', '/v1/departments', 'ring_strategy'],
])('%s → Get Many', (resource, path, field) => {
	it('outputs one item per entry of Smartflo’s bare array', async () => {
		const direct = (await sandboxGet(sandbox, path)) as Array<Record<string, unknown>>;
		const { output } = await runNode({
			store: passwordCredential(sandbox.url),
			parameters: { resource, operation: 'getMany', returnAll: true },
		});
		expect(jsonOf(output)).toEqual(direct);
		expect(direct.length).toBeGreaterThan(1);
		expect(output[0].json).toHaveProperty(field);
		for (const item of output) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('honours the limit', async () => {
		const { output } = await runNode({ store: passwordCredential(sandbox.url), parameters: { resource, operation: 'getMany', limit: 1 } });
		expect(output).toHaveLength(1);
	});
});
