import { buildCallRecord, formatCustomerNumber, makeCallId, type CallRecord, type MissedCause } from '../call-record';
import type { Directory } from '../directory';
import { istMidnight } from '../ist-time';
import type { SeededRandom } from '../random';
import { INBOUND_SERVICES, OUTBOUND_SERVICES } from './vocabulary';

const DAY_MS = 86_400_000;
const SPREAD_DAYS = 30;
// Most calls are short; a few run past 15 minutes. [min, max] seconds, weight.
const TALK_TIME_BANDS: ReadonlyArray<readonly [[number, number], number]> = [
	[[15, 120], 5],
	[[121, 900], 3],
	[[901, 2400], 1],
];

/**
 * `count` finished calls over the 30 IST days up to `endMs`, mostly in business hours, all ended by `endMs`.
 * IVR calls go through the account's IVRs and broadcast calls belong to its broadcasts in turn (by
 * position, so that the random draws, and with them every other field, stay as they were).
 */
export function seedCallRecords(
	random: SeededRandom,
	directory: Directory,
	count: number,
	endMs: number,
	broadcastNames: readonly string[] = [],
): CallRecord[] {
	const customers = Array.from({ length: Math.max(5, Math.ceil(count / 3)) }, () => random.mobile());
	const records: CallRecord[] = [];
	for (let index = 0; index < count; index++) {
		const direction = random.chance(0.55) ? 'inbound' : 'outbound';
		const answered = random.chance(0.7);
		const ringSeconds = answered ? random.int(4, 25) : random.int(10, 45);
		const talkSeconds = answered ? random.int(...random.weighted(TALK_TIME_BANDS)) : 0;
		const startMs = pickStart(random, endMs, ringSeconds + talkSeconds);
		const department = random.pick(directory.departments);
		const members = directory.members(department);
		const agent = members.length > 0 ? random.pick(members) : random.pick(directory.users);
		const service = direction === 'inbound' ? random.pick(INBOUND_SERVICES) : random.pick(OUTBOUND_SERVICES);
		records.push(
			buildCallRecord(
				{
					accountId: directory.accountId,
					startMs,
					ringSeconds,
					talkSeconds,
					direction,
					service,
					agent,
					departmentId: direction === 'inbound' ? department.id : null,
					did: direction === 'inbound' ? random.pick(directory.dids) : directory.pilotNumber(),
					clientNumber: formatCustomerNumber(random, random.pick(customers)),
					callId: makeCallId(random, startMs),
					uuid: random.uuid(),
					refId: service.startsWith('Click to call') ? random.uuid() : null,
					missedCause: random.weighted<MissedCause>([
						['NO_ANSWER', 6],
						['USER_BUSY', 2],
						['ORIGINATOR_CANCEL', 2],
					]),
					dtmfInput: service === 'IVR' ? String(random.int(1, 4)) : null,
					ivrId: service === 'IVR' ? directory.ivrs[index % directory.ivrs.length].id : null,
					broadcastName: service === 'Broadcast' && broadcastNames.length > 0 ? broadcastNames[index % broadcastNames.length] : null,
				},
				random,
			),
		);
	}
	return records;
}

function pickStart(random: SeededRandom, endMs: number, durationSeconds: number): number {
	const day = istMidnight(endMs) - random.int(0, SPREAD_DAYS - 1) * DAY_MS;
	const hour = random.chance(0.9) ? random.int(9, 19) : random.int(0, 23);
	let start = day + ((hour * 60 + random.int(0, 59)) * 60 + random.int(0, 59)) * 1000;
	// A call still in progress at endMs would not have a record yet: move it to an earlier day.
	while (start + durationSeconds * 1000 >= endMs) start -= DAY_MS;
	return start;
}
