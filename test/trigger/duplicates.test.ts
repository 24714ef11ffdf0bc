import type { IDataObject } from 'n8n-workflow';

import { MAX_KEYS_IN_STATIC_DATA, MAX_KEYS_PER_TRIGGER, MAX_TRIGGERS_IN_PROCESS, RecentKeys } from '../../nodes/Smartflo/trigger/dedupe';
import { DEFAULT_PAYLOAD_LIMITS } from '../../src/webhooks/budget';
import type { SmartfloTrigger } from '../../nodes/Smartflo/SmartfloTrigger.node';
import { ANSWERED_BY_AGENT, ANSWERED_HANGUP, DTMF, MISSED_HANGUP, otherCall } from './fixtures';
import { deliver, withSecret, type TriggerSetup } from './harness';

let scope = 0;
/** One trigger node of one workflow, with its own static data, as n8n keeps it between deliveries. */
function oneNode(extra: Partial<TriggerSetup> = {}): TriggerSetup {
	scope += 1;
	return { workflowId: `wf-${scope}`, nodeId: `node-${scope}`, staticData: {}, ...extra };
}

const send = (payload: unknown, setup: TriggerSetup) => deliver({ json: payload, query: withSecret() }, setup);
const executions = async (payloads: unknown[], setup: TriggerSetup) => {
	const items: IDataObject[] = [];
	for (const payload of payloads) items.push(...(await send(payload, setup)).items);
	return items;
};

/** The trigger's module loaded afresh: what a restarted n8n process has (the static data stays in the database). */
function freshNode(): SmartfloTrigger {
	let node: SmartfloTrigger | undefined;
	jest.isolateModules(() => {
		const { SmartfloTrigger: Fresh } = jest.requireActual<typeof import('../../nodes/Smartflo/SmartfloTrigger.node')>(
			'../../nodes/Smartflo/SmartfloTrigger.node',
		);
		node = new Fresh();
	});
	return node as SmartfloTrigger;
}

describe('Smartflo Trigger: the same event for the same call delivered twice starts one execution', () => {
	afterEach(() => jest.restoreAllMocks());

	it('a repeat is answered 200 and starts nothing', async () => {
		const setup = oneNode();
		expect((await send(MISSED_HANGUP, setup)).items).toHaveLength(1);
		const repeat = await send(MISSED_HANGUP, setup);
		expect(repeat).toMatchObject({ status: 200, body: { received: true, started: false }, items: [] });
	});

	it('two copies arriving at the same moment: one execution', async () => {
		const setup = oneNode();
		const outcomes = await Promise.all([send(MISSED_HANGUP, setup), send(MISSED_HANGUP, setup), send(MISSED_HANGUP, setup)]);
		expect(outcomes.flatMap((outcome) => outcome.items)).toHaveLength(1);
	});

	it('a repeat in another shape (form-encoded, keys nested) is still a repeat', async () => {
		const setup = oneNode();
		await send(MISSED_HANGUP, setup);
		const form = Object.fromEntries(
			Object.entries(MISSED_HANGUP).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
		);
		expect((await deliver({ form, query: withSecret() }, setup)).items).toEqual([]);
	});

	it('other events of the same call and the same event of other calls all run', async () => {
		const setup = oneNode();
		const items = await executions(
			[ANSWERED_BY_AGENT, MISSED_HANGUP, ANSWERED_HANGUP, otherCall(MISSED_HANGUP, 1), otherCall(MISSED_HANGUP, 2)],
			setup,
		);
		expect(items).toHaveLength(5);
	});

	it('a call known only by ref_id (click to call) is keyed on it', async () => {
		const setup = oneNode();
		const byRef = { ...MISSED_HANGUP, uuid: '', call_id: '$call_id', ref_id: '3f1c2d9e-8b7a-4c5d-9e0f-1a2b3c4d5e6f' };
		expect(await executions([byRef, byRef, { ...byRef, ref_id: '7a7a7a7a-8b7a-4c5d-9e0f-1a2b3c4d5e6f' }], setup)).toHaveLength(2);
	});

	it('a delivery without any call id cannot be recognised again, so every copy runs', async () => {
		const setup = oneNode();
		const anonymous = { ...MISSED_HANGUP, uuid: '', call_id: '', ref_id: '$ref_id' };
		expect(await executions([anonymous, anonymous], setup)).toHaveLength(2);
	});

	it('triggers that fire several times per call compare the content: two DTMF digits run, a repeated digit does not', async () => {
		const setup = oneNode();
		const second = { ...DTMF, digit_pressed: '2', date: '2026-09-21 10:15:07' };
		expect(await executions([DTMF, second, DTMF, second], setup)).toHaveLength(2);
	});

	it('after the window the same delivery runs again', async () => {
		const setup = oneNode({ parameters: { options: { duplicateWindowSeconds: 60 } } });
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		expect((await send(MISSED_HANGUP, setup)).items).toHaveLength(1);
		clock.mockReturnValue(now + 59_000);
		expect((await send(MISSED_HANGUP, setup)).items).toHaveLength(0);
		clock.mockReturnValue(now + 61_000);
		expect((await send(MISSED_HANGUP, setup)).items).toHaveLength(1);
	});

	it('a window of 0 turns the check off', async () => {
		const setup = oneNode({ parameters: { options: { duplicateWindowSeconds: 0 } } });
		expect(await executions([MISSED_HANGUP, MISSED_HANGUP], setup)).toHaveLength(2);
	});

	it('test deliveries (the editor’s Listen for test event) always run', async () => {
		const setup = oneNode({ mode: 'manual' });
		expect(await executions([MISSED_HANGUP, MISSED_HANGUP], setup)).toHaveLength(2);
	});

	it('two trigger nodes (or workflows) never share what they have seen', async () => {
		expect((await send(MISSED_HANGUP, oneNode({ workflowId: 'shared', nodeId: 'a' }))).items).toHaveLength(1);
		expect((await send(MISSED_HANGUP, oneNode({ workflowId: 'shared', nodeId: 'b' }))).items).toHaveLength(1);
		expect((await send(MISSED_HANGUP, oneNode({ workflowId: 'other', nodeId: 'a' }))).items).toHaveLength(1);
	});

	it('a filtered-out event leaves no trace: selecting it later still runs it', async () => {
		const setup = oneNode();
		await send(ANSWERED_HANGUP, { ...setup, parameters: { events: ['call_hangup_missed'] } });
		expect((await send(ANSWERED_HANGUP, setup)).items).toHaveLength(1);
	});

	it('remembers in the workflow static data, which carries the window across a restart', async () => {
		const setup = oneNode();
		await send(MISSED_HANGUP, setup);
		expect(Object.keys(setup.staticData?.recentEvents as IDataObject)).toHaveLength(1);
		// A restarted process has an empty memory; the static data n8n saved tells it the call was seen.
		expect((await send(MISSED_HANGUP, { ...setup, node: freshNode() })).items).toEqual([]);
		// Without that static data, the fresh process would run the repeat.
		expect((await send(MISSED_HANGUP, { ...setup, staticData: {}, node: freshNode() })).items).toHaveLength(1);
	});

	it('a repeat is caught by the process memory even when the static data was not saved', async () => {
		const setup = oneNode();
		await send(MISSED_HANGUP, setup);
		expect((await send(MISSED_HANGUP, { ...setup, staticData: {} })).items).toEqual([]);
	});

	it(`keeps at most ${MAX_KEYS_IN_STATIC_DATA} keys in static data, the newest`, async () => {
		const setup = oneNode();
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now');
		for (let index = 0; index < MAX_KEYS_IN_STATIC_DATA + 20; index++) {
			clock.mockReturnValue(now + index);
			await send(otherCall(MISSED_HANGUP, index), setup);
		}
		const kept = setup.staticData?.recentEvents as Record<string, number>;
		expect(Object.keys(kept)).toHaveLength(MAX_KEYS_IN_STATIC_DATA);
		expect(Math.min(...Object.values(kept))).toBe(now + 20 + 600_000);
	});

	it('ignores static data of another shape instead of failing', async () => {
		const setup = oneNode({ staticData: { recentEvents: 'garbage' } });
		expect((await send(MISSED_HANGUP, setup)).items).toHaveLength(1);
		expect(typeof (setup.staticData?.recentEvents as IDataObject)).toBe('object');
	});
});

describe('Smartflo Trigger: a delivery that is refused remembers nothing', () => {
	it('an array whose second payload is refused: nothing is remembered, and Smartflo’s retry of the good one runs', async () => {
		const setup = oneNode();
		const tooBig = JSON.stringify({ steps: Array.from({ length: DEFAULT_PAYLOAD_LIMITS.maxValues }, () => 1) });
		const refused = await send([MISSED_HANGUP, { ...ANSWERED_HANGUP, answered_agent: tooBig }], setup);
		expect(refused).toMatchObject({ status: 413, items: [], staticData: {} });
		const retry = await send(MISSED_HANGUP, setup);
		expect(retry).toMatchObject({ status: 200, body: { received: true, started: true } });
		expect(retry.items).toHaveLength(1);
	});

	it('within one array delivery, a second copy of a payload is a repeat', async () => {
		const setup = oneNode();
		expect((await send([MISSED_HANGUP, MISSED_HANGUP, ANSWERED_HANGUP], setup)).items.map((item) => item.event)).toEqual([
			'call_hangup_missed',
			'call_hangup_answered',
		]);
	});
});

/** `count` missed calls, each with its own call id, in arrays of at most `perDelivery`. */
function floodOf(count: number, prefix: string, perDelivery = DEFAULT_PAYLOAD_LIMITS.maxPayloads): Array<Array<Record<string, string>>> {
	const deliveries: Array<Array<Record<string, string>>> = [];
	for (let start = 0; start < count; start += perDelivery) {
		const size = Math.min(perDelivery, count - start);
		deliveries.push(
			Array.from({ length: size }, (_unused, index) => ({ event: 'call_hangup_missed', uuid: `${prefix}-${start + index}` })),
		);
	}
	return deliveries;
}

describe('Smartflo Trigger: each trigger has its own bounded share of the process memory', () => {
	// A repeat sent with an empty static data is one n8n had not saved yet (the process memory alone can tell it).
	const unsaved = (setup: TriggerSetup): TriggerSetup => ({ ...setup, staticData: {} });

	it('a flood of 25,000 calls into one trigger does not make another trigger forget its calls', async () => {
		const victim = oneNode();
		expect((await send(MISSED_HANGUP, victim)).items).toHaveLength(1);
		const flooded = oneNode();
		for (const delivery of floodOf(25_000, 'flood')) await send(delivery, flooded);
		expect((await send(MISSED_HANGUP, unsaved(victim))).items).toEqual([]);
	});

	it(`one trigger remembers its ${MAX_KEYS_PER_TRIGGER} newest calls in the process, and its static data the ${MAX_KEYS_IN_STATIC_DATA} newest`, async () => {
		const setup = oneNode();
		for (const delivery of floodOf(MAX_KEYS_PER_TRIGGER, 'own')) await send(delivery, setup);
		expect(Object.keys(setup.staticData?.recentEvents as IDataObject)).toHaveLength(MAX_KEYS_IN_STATIC_DATA);
		expect((await send({ event: 'call_hangup_missed', uuid: 'own-0' }, unsaved(setup))).items).toEqual([]);
		await send({ event: 'call_hangup_missed', uuid: 'own-one-more' }, setup);
		expect((await send({ event: 'call_hangup_missed', uuid: 'own-0' }, unsaved(setup))).items).toHaveLength(1);
	});

	it(`the process keeps shares for ${MAX_TRIGGERS_IN_PROCESS} triggers; the one that received a delivery least recently goes first`, async () => {
		const triggers = Array.from({ length: MAX_TRIGGERS_IN_PROCESS + 1 }, () => oneNode());
		const [oldest, second] = triggers;
		for (const setup of triggers.slice(0, -1)) await send(MISSED_HANGUP, setup);
		// The oldest is used again, so the second is now the least recently used and goes when the last one arrives.
		expect((await send(MISSED_HANGUP, unsaved(oldest))).items).toEqual([]);
		await send(MISSED_HANGUP, triggers[triggers.length - 1]);
		expect((await send(MISSED_HANGUP, unsaved(oldest))).items).toEqual([]);
		expect((await send(MISSED_HANGUP, unsaved(second))).items).toHaveLength(1);
	});
});

describe('RecentKeys: the process memory is bounded', () => {
	it('forgets the oldest key beyond its capacity', () => {
		const keys = new RecentKeys(3);
		for (const key of ['a', 'b', 'c', 'd', 'e']) keys.remember(key, 10_000, 0);
		expect(keys.size).toBe(3);
		expect(['a', 'b', 'c', 'd', 'e'].map((key) => keys.has(key, 1))).toEqual([false, false, true, true, true]);
	});

	it('drops expired keys from the front as new ones come', () => {
		const keys = new RecentKeys(100);
		keys.remember('old', 50, 0);
		keys.remember('new', 500, 100);
		expect(keys.size).toBe(1);
		expect(keys.has('old', 100)).toBe(false);
		expect(keys.has('new', 499)).toBe(true);
		expect(keys.has('new', 500)).toBe(false);
	});
});
