import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../sandbox/index';
import { sandboxGet } from './fixtures';
import { forResource } from './harness';

let sandbox: SandboxHandle;
let users: IDataObject[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 10, callRecords: 0, liveCalls: 9 } });
	users = ((await sandboxGet(sandbox, '/v1/users?limit=100')) as { data: IDataObject[] }).data;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetStats());

const liveCalls = async () => (await sandboxGet(sandbox, '/v1/live_calls')) as IDataObject[];
const { run, fail } = forResource('call', () => sandbox.url);

/** An answered live call and an agent who is free to supervise it (enabled, not on it). */
async function answeredCall(): Promise<{ call: IDataObject; supervisor: IDataObject }> {
	const call = (await liveCalls()).find((entry) => entry.state === 'Answered') as IDataObject;
	const supervisor = users.find(
		(user) => user.id !== call.user_id && [0, 3].includes((user.agent as IDataObject).status as number) && user.user_status === 1,
	) as IDataObject;
	return { call, supervisor };
}
const agentIdOf = (user: IDataObject) => String((user.agent as IDataObject).id);

describe('Call → Monitor / Whisper / Barge', () => {
	it.each([
		['monitor', 'Call monitoring started successfully'],
		['whisper', 'Whisper started successfully'],
		['barge', 'Barge started successfully'],
	])('%s: Smartflo rings the supervisor into the live call', async (operation, message) => {
		const { call, supervisor } = await answeredCall();
		const { output } = await run({ operation, callId: call.call_id, supervisorId: agentIdOf(supervisor) });
		expect(output).toEqual([{ json: { success: true, message }, pairedItem: { item: 0 } }]);
		expect(sandbox.stats().byPath['POST /v1/call/options']).toBe(1);
	});

	it('passes on Smartflo’s refusals: an unknown call, a call still ringing, the call’s own agent', async () => {
		const { call, supervisor } = await answeredCall();
		expect((await fail({ operation: 'monitor', callId: '1700000000.000001', supervisorId: agentIdOf(supervisor) })).message).toBe(
			'Smartflo refused the request: Call not found',
		);
		const ringing = (await liveCalls()).find((entry) => entry.state === 'Ringing') as IDataObject;
		expect((await fail({ operation: 'barge', callId: ringing.call_id, supervisorId: agentIdOf(supervisor) })).message).toBe(
			'Smartflo refused the request: Call is not answered yet',
		);
		const own = users.find((user) => user.id === call.user_id) as IDataObject;
		const error = await fail({ operation: 'whisper', callId: call.call_id, supervisorId: agentIdOf(own) });
		expect(error.message).toBe('Smartflo refused the request: The agent is on this call');
		expect(error.httpCode).toBe('200');
	});

	it('refuses a missing call ID before calling Smartflo, and reports Smartflo’s validation of a missing supervisor', async () => {
		const { call } = await answeredCall();
		expect((await fail({ operation: 'monitor', callId: ' ', supervisorId: '0502842370097' })).message).toBe('Call ID is required');
		expect(sandbox.stats().byPath['POST /v1/call/options']).toBeUndefined();
		const error = await fail({ operation: 'monitor', callId: call.call_id, supervisorId: '' });
		expect(error.message).toBe('Smartflo rejected the parameters: The given data was invalid.');
		expect(error.description).toBe('agent_id: The agent id field is required when type is 1.');
	});
});

describe('Call → Transfer', () => {
	it('moves the call to an agent picked from the list, or to an intercom', async () => {
		const { call, supervisor } = await answeredCall();
		await run({ operation: 'transfer', callId: call.call_id, transferTo: 'agent', transferAgentId: agentIdOf(supervisor) });
		expect((await liveCalls()).find((entry) => entry.call_id === call.call_id)?.agent_name).toBe(supervisor.name);

		const detailed = ((await sandboxGet(sandbox, `/v1/user/${call.user_id}`)) as { data: { agent: { intercom: string } } }).data;
		const { output } = await run({
			operation: 'transfer',
			callId: call.call_id,
			transferTo: 'intercom',
			intercom: detailed.agent.intercom,
		});
		expect(output[0].json).toEqual({ success: true, message: 'Call transferred successfully' });
		expect((await liveCalls()).find((entry) => entry.call_id === call.call_id)?.user_id).toBe(call.user_id);
	});

	it('needs someone to transfer to, and passes on Smartflo’s refusal of an unknown intercom', async () => {
		const { call } = await answeredCall();
		expect((await fail({ operation: 'transfer', callId: call.call_id, transferTo: 'intercom', intercom: ' ' })).message).toBe(
			'Intercom is required for a transfer',
		);
		expect((await fail({ operation: 'transfer', callId: call.call_id, transferTo: 'intercom', intercom: '0000' })).message).toBe(
			'Smartflo refused the request: Agent not found',
		);
	});
});

describe('Call → Disconnect Dialer Call', () => {
	it('ends the call; a break needs its code; a call already ended is refused', async () => {
		const { call } = await answeredCall();
		const noCode = await fail({ operation: 'disconnect', callId: call.call_id, options: { startBreak: true } });
		expect(noCode.description).toBe('break_code: The break code field is required when start break is true.');
		const { output } = await run({ operation: 'disconnect', callId: call.call_id, options: { startBreak: true, breakCode: 'LUNCH' } });
		expect(output[0].json).toEqual({ success: true, message: 'Call disconnected and break started' });
		expect((await liveCalls()).some((entry) => entry.call_id === call.call_id)).toBe(false);
		expect((await fail({ operation: 'disconnect', callId: call.call_id })).message).toBe('Smartflo refused the request: Call not found');
	});

	it('with Continue On Fail, a call Smartflo cannot find is an error item and the next call is disconnected', async () => {
		const { call } = await answeredCall();
		const { output } = await run((index) => ({ operation: 'disconnect', callId: index === 0 ? 'no-such-call' : call.call_id }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{ json: { error: 'Smartflo refused the request: Call not found', description: expect.any(String) }, pairedItem: { item: 0 } },
			{ json: { success: true, message: 'Call disconnected successfully' }, pairedItem: { item: 1 } },
		]);
	});
});
