import { CallLedger, liveCallState, type OriginateRequest } from '../../sandbox/calls';
import { SeededRandom } from '../../sandbox/random';
import { buildSeedData } from '../../sandbox/seed';

const NOW = Date.UTC(2026, 5, 15, 6, 0, 0);

function setUp(maxRecords?: number) {
	const seed = buildSeedData({ callRecords: 5, liveCalls: 0, endDate: new Date(NOW) }, ['key'], NOW);
	const ledger = new CallLedger(seed.directory.accountId, seed.callRecords, [], new SeededRandom('test'), maxRecords);
	const request: OriginateRequest = {
		user: seed.directory.users[0],
		did: seed.directory.pilotNumber(),
		customerNumber: '9876543210',
		type: 'click-to-call',
		service: 'Click to call',
		departmentId: null,
		refId: 'ref-1',
	};
	return { ledger, request };
}

describe('CallLedger', () => {
	it('rings for a few seconds, then is answered, then ends on its own and becomes an answered record', () => {
		const { ledger, request } = setUp();
		const call = ledger.originate(request, NOW);
		expect(liveCallState(call, NOW + 1000)).toBe('Ringing');
		expect(liveCallState(call, NOW + 7000)).toBe('Answered');
		expect(ledger.liveCalls(call.endAt - 1)).toHaveLength(1);

		expect(ledger.liveCalls(call.endAt)).toHaveLength(0);
		const record = ledger.callRecords(call.endAt).find((entry) => entry.wire.call_id === call.callId);
		expect(record?.wire).toMatchObject({
			status: 'answered',
			ref_id: 'ref-1',
			call_duration: Math.round((call.endAt - NOW) / 1000),
			hangup_cause: 'NORMAL_CLEARING',
		});
		expect(record?.wire.answered_seconds).toBeGreaterThanOrEqual(60);
	});

	it('ends a call at its call_timeout, counted from when it was placed', () => {
		const { ledger, request } = setUp();
		const call = ledger.originate({ ...request, callTimeoutSeconds: 20 }, NOW);
		expect(call.endAt).toBe(NOW + 20_000);
		expect(ledger.liveCalls(NOW + 19_999)).toHaveLength(1);
		const record = ledger.callRecords(NOW + 20_000)[0];
		expect(record.wire).toMatchObject({ call_id: call.callId, call_duration: 20, answered_seconds: 14 });
	});

	it('records a call hung up while ringing as missed', () => {
		const { ledger, request } = setUp();
		const call = ledger.originate(request, NOW);
		expect(ledger.hangup(call.callId, NOW + 2000)).toBe(true);
		expect(ledger.hangup(call.callId, NOW + 2000)).toBe(false);
		expect(ledger.callRecords(NOW + 2000)[0].wire).toMatchObject({ status: 'missed', answered_seconds: 0, call_duration: 2 });
	});

	it('keeps records newest first and forgets the oldest beyond its capacity', () => {
		const { ledger, request } = setUp(5);
		const oldest = ledger.callRecords(NOW)[4];
		const call = ledger.originate(request, NOW);
		ledger.hangup(call.callId, NOW + 1000);
		const records = ledger.callRecords(NOW + 1000);
		expect(records).toHaveLength(5);
		expect(records[0].wire.call_id).toBe(call.callId);
		expect(records).not.toContain(oldest);
		const starts = records.map((record) => record.startedAt);
		expect([...starts].sort((a, b) => b - a)).toEqual(starts);
	});
});
