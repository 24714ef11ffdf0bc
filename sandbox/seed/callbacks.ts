import type { ScheduledCallback } from '../callbacks';
import type { Directory } from '../directory';
import { istMidnight } from '../ist-time';
import type { SeededRandom } from '../random';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary';

const FIRST_CALLBACK_ID = 1001;
const CALLBACKS = 16;
const DAY_MS = 86_400_000;

/** Callbacks over the IST days from 6 days before `nowMs` to 9 days after, in business hours; the past ones are done. */
export function seedCallbacks(random: SeededRandom, directory: Directory, nowMs: number): ScheduledCallback[] {
	return Array.from({ length: CALLBACKS }, (_, index) => {
		const day = istMidnight(nowMs) + (index - 6) * DAY_MS;
		const scheduledAt = day + (random.int(10, 18) * 60 + random.pick([0, 15, 30, 45])) * 60_000;
		return {
			id: FIRST_CALLBACK_ID + index,
			agent: random.pick(directory.users),
			customerName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
			customerNumber: random.mobile(),
			scheduledAt,
			status: scheduledAt < nowMs ? 2 : 0,
			reminder: random.chance(0.5),
			reminderMinutes: 10,
			expiresAfterMinutes: 15,
			inboundQueue: null,
			createdAt: scheduledAt - random.int(1, 3) * DAY_MS,
		};
	});
}
