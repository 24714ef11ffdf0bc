import { objectIdAt, type Broadcast, type CampaignData, type DndEntry, type Lead, type LeadList } from '../campaigns';
import type { Directory } from '../directory';
import { formatIstDateTime } from '../ist-time';
import type { SeededRandom } from '../random';
import { BROADCASTS, FIRST_NAMES, LAST_NAMES, LEAD_LISTS } from './vocabulary';

// Lead lists and broadcasts are numbered apart, so that a broadcast ID passed where a lead list ID
// belongs is refused rather than landing in another list (see sandbox/README.md#behaviour-where-smartflos-documentation-is-silent).
const FIRST_LEAD_LIST_ID = 5101;
const FIRST_BROADCAST_ID = 7001;
const FIRST_DND_ID = 90_001;
const DND_ENTRIES = 45;
const DAY_MS = 86_400_000;
const STANDARD_FIELDS = ['Phone Number', 'Name', 'Email', 'Address', 'Company'];

/** Lead lists with leads, broadcasts calling them into the IVRs, and a DND list, all created before `nowMs`. */
export function seedCampaigns(random: SeededRandom, directory: Directory, nowMs: number): CampaignData {
	const leadLists: LeadList[] = LEAD_LISTS.map((template, index) => ({
		id: FIRST_LEAD_LIST_ID + index,
		name: template.name,
		description: template.description,
		fields: [...STANDARD_FIELDS, ...template.customFields].map((name, field) => ({ field: `field_${field}`, name })),
		createdAt: nowMs - (60 - index * 10) * DAY_MS,
	}));
	const leads: Lead[] = LEAD_LISTS.flatMap((template, listIndex) =>
		Array.from({ length: template.leads }, (_, index): Lead => {
			const createdAt = nowMs - random.int(1, 40) * DAY_MS - random.int(0, 86_399) * 1000;
			const first = random.pick(FIRST_NAMES);
			const last = random.pick(LAST_NAMES);
			return {
				leadId: objectIdAt(createdAt, random),
				listId: leadLists[listIndex].id,
				fields: {
					field_0: random.mobile(),
					field_1: `${first} ${last}`,
					field_2: `${first}.${last}${index}@example.in`.toLowerCase(),
				},
				priority: random.int(1, 30),
				skillId: null,
				createdAt,
				updatedAt: createdAt,
			};
		}),
	);
	const broadcasts: Broadcast[] = BROADCASTS.map((template, index) => ({
		id: FIRST_BROADCAST_ID + index,
		name: template.name,
		description: template.description,
		status: template.status,
		listId: leadLists[index % 2].id,
		destination: `ivr||${directory.ivrs[2].id}`,
		timeoutSeconds: 45,
		concurrentLimit: 2 + index,
		callerIdNumber: directory.pilotNumber().did,
		retries: index,
		retryAfterMinutes: 30,
		dialStatuses: [1, 2, 3, 4, 5],
		retryDialStatuses: [1, 3],
		startDateTime: formatIstDateTime(nowMs - (10 - index) * DAY_MS),
		endDateTime: formatIstDateTime(nowMs + (20 + index) * DAY_MS),
		timeGroupId: directory.timeGroups[2].id,
		createdAt: nowMs - (12 - index) * DAY_MS,
	}));
	const dnd: DndEntry[] = Array.from({ length: DND_ENTRIES }, (_, index) => ({
		id: FIRST_DND_ID + index,
		number: random.mobile(),
		type: random.pick(['mobile', 'mobile', 'landline']),
		listId: index < 30 ? 1 : 2,
		createdAt: nowMs - (DND_ENTRIES - index) * DAY_MS,
	}));
	return { leadLists, leads, broadcasts, dnd };
}
