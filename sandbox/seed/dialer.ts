import type { CallRecord } from '../call-record';
import { objectIdAt, type Campaigns } from '../campaigns';
import type { CallNote, DialerCampaign, DialerData } from '../dialer';
import type { Directory } from '../directory';
import type { SeededRandom } from '../random';
import { CALL_NOTE_MESSAGES, DIALER_CAMPAIGNS } from './vocabulary';

// Apart from lead lists (5101…) and broadcasts (7001…), so that one passed for another is refused.
const FIRST_CAMPAIGN_ID = 8001;
const DISPOSITION_LIST_ID = '4001';
const NOTED_SHARE = 0.4;
const DAY_MS = 86_400_000;

/**
 * Two dialer campaigns on the first two lead lists (one Preview, one Ratio), and notes on about 40% of
 * the answered seeded calls, under their customers' numbers.
 */
export function seedDialer(
	random: SeededRandom,
	directory: Directory,
	campaigns: Campaigns,
	callRecords: readonly CallRecord[],
	nowMs: number,
): DialerData {
	const [first, second] = campaigns.leadLists();
	const agents = directory.users.map((user) => user.agent.id);
	const seeded: DialerCampaign[] = DIALER_CAMPAIGNS.map((template, index) => {
		const preview = template.dialMethod === '1';
		const createdAt = nowMs - (20 - index * 5) * DAY_MS;
		return {
			id: FIRST_CAMPAIGN_ID + index,
			fields: {
				name: template.name,
				description: template.description,
				dial_method: template.dialMethod,
				...(preview ? { auto_dial_duration: 10 } : { dial_ratio: '2' }),
				outbound_caller_id: [directory.pilotNumber().id],
				lead_list_map: [{ listId: (index === 0 ? first : second).id, status: 1 }],
				disposition_list: DISPOSITION_LIST_ID,
				number_of_retry: 2,
				retry_after_minutes: 30,
				auto_disposition_cancel_duration: 30,
				dial_status: [0, 3, 9],
				time_group: String(directory.timeGroups[2].id),
				agent: agents.slice(index * 3, index * 3 + 3),
				dial_in_type: '3',
				connect_agent_through: '3',
			},
			createdAt,
			updatedAt: createdAt,
		};
	});
	const notes: CallNote[] = callRecords
		.filter((record) => record.wire.status === 'answered' && random.chance(NOTED_SHARE))
		.map((record) => ({
			id: objectIdAt(record.startedAt, random),
			clientNumber: record.wire.client_number,
			callAt: record.startedAt,
			callHint: record.wire.direction,
			message: random.pick(CALL_NOTE_MESSAGES),
			createdBy: `SANDBOX.${directory.accountId}`,
			companyName: 'SMARTFLO SANDBOX',
		}));
	return { campaigns: seeded, notes };
}
