import type { LiveCall } from '../calls';
import { formatCustomerNumber, makeCallId } from '../call-record';
import type { Directory } from '../directory';
import type { SeededRandom } from '../random';

const FIRST_LIVE_CALL_ID = 870_001;

/** Calls in progress at `nowMs`, started up to a few minutes earlier; they end on their own after 10–30 minutes. */
export function seedLiveCalls(random: SeededRandom, directory: Directory, count: number, nowMs: number): LiveCall[] {
	return Array.from({ length: count }, (_, index): LiveCall => {
		const inbound = index % 3 !== 1;
		const user = random.pick(directory.users);
		const department = directory.department(user.departmentId);
		// Every third call is still ringing when the sandbox starts.
		const ringing = index % 3 === 2;
		const createdAt = nowMs - (ringing ? random.int(2, 8) : random.int(20, 400)) * 1000;
		const answerAt = ringing ? nowMs + random.int(10, 20) * 1000 : createdAt + random.int(5, 15) * 1000;
		const customerNumber = formatCustomerNumber(random, random.mobile());
		return {
			id: FIRST_LIVE_CALL_ID + index,
			callId: makeCallId(random, createdAt),
			user,
			direction: inbound ? 1 : 2,
			source: inbound ? customerNumber : user.agent.followMeNumber,
			type: inbound ? 'inbound' : 'click-to-call',
			did: inbound ? random.pick(directory.dids) : directory.pilotNumber(),
			destinationType: inbound ? 'department' : 'c2c',
			destinationName: inbound && department ? department.name : user.name,
			destination: inbound ? user.agent.followMeNumber : customerNumber,
			queueState: null,
			channelId: random.uuid(),
			customerNumber,
			service: inbound ? 'Department' : 'Click to call',
			departmentId: inbound && department ? department.id : null,
			refId: inbound ? null : random.uuid(),
			createdAt,
			answerAt,
			endAt: nowMs + random.int(600, 1800) * 1000,
		};
	});
}
