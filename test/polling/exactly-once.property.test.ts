import fc from 'fast-check';

import { startSandbox } from '../../sandbox/index';
import { passwordCredential } from '../nodes/harness';
import { callIds, drain, Poller } from './harness';

const LATE_WINDOW_MINUTES = 15;

/** A step of a run: a call that ends (started `ago` seconds before), several at once, or a poll. */
type Step = { kind: 'call'; ago: number; missed: boolean } | { kind: 'burst'; count: number; ago: number } | { kind: 'poll' };

const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('call' as const), ago: fc.integer({ min: 0, max: 600 }), missed: fc.boolean() }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('burst' as const),
			count: fc.integer({ min: 2, max: 9 }),
			ago: fc.integer({ min: 0, max: 600 }),
		}),
	},
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('poll' as const) }) },
);

/**
 * Whatever the order of calls and polls, late records (up to 10 minutes, inside the 15-minute window),
 * bursts in one second and a Max Records per Poll of 1 to 6: every call that ended after the first poll
 * is emitted exactly once, and none that ended before it.
 */
it('emits every record that appears after activation exactly once, and none from before it', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.integer({ min: 1, max: 6 }),
			fc.integer({ min: 0, max: 5 }),
			fc.array(step, { minLength: 1, maxLength: 25 }),
			async (maxRecordsPerPoll, before, steps) => {
				const sandbox = await startSandbox({ seed: { users: 2, callRecords: 0, liveCalls: 0 } });
				try {
					const existing: string[] = [];
					for (let index = 0; index < Math.min(before, maxRecordsPerPoll - 1); index++) existing.push((await sandbox.playCall()).callId);
					const trigger = new Poller({
						store: passwordCredential(sandbox.url),
						parameters: { options: { maxRecordsPerPoll, lateRecordsMinutes: LATE_WINDOW_MINUTES } },
					});
					await trigger.poll();
					const expected: string[] = [];
					for (const entry of steps) {
						if (entry.kind === 'poll') await trigger.poll();
						else {
							const count = entry.kind === 'burst' ? entry.count : 1;
							for (let index = 0; index < count; index++) {
								const missed = entry.kind === 'call' && entry.missed;
								expected.push((await sandbox.playCall({ startedSecondsAgo: entry.ago, outcome: missed ? 'missed' : 'answered' })).callId);
							}
						}
					}
					await drain(trigger);

					const emitted = callIds(trigger.emitted) as string[];
					expect(trigger.staticData.backlog).toBeUndefined();
					expect(new Set(emitted).size).toBe(emitted.length);
					expect([...emitted].sort()).toEqual([...expected].sort());
					expect(emitted.filter((id) => existing.includes(id))).toEqual([]);
				} finally {
					await sandbox.close();
				}
			},
		),
		{ numRuns: 40 },
	);
}, 120_000);
