import { isSameNumber } from './phone';
import type { SeededRandom } from './random';

/** A lead list: the numbers a broadcast calls, with the names its custom fields have in the portal. */
export interface LeadList {
	id: number;
	name: string;
	description: string;
	/** `field_0` … as the list names them. */
	fields: Array<{ field: string; name: string }>;
	createdAt: number;
}

export interface Lead {
	/** A Mongo ObjectId, as Smartflo's lead store uses. */
	leadId: string;
	listId: number;
	fields: Record<string, string>;
	priority: number | null;
	skillId: string | null;
	createdAt: number;
	updatedAt: number;
}

/** 0 inactive, 1 active, 2 paused */
export type BroadcastStatus = 0 | 1 | 2;

export interface Broadcast {
	id: number;
	name: string;
	description: string;
	status: BroadcastStatus;
	listId: number;
	/** `type||id` */
	destination: string;
	timeoutSeconds: number;
	concurrentLimit: number;
	callerIdNumber: string | null;
	retries: number;
	retryAfterMinutes: number | number[] | null;
	dialStatuses: number[];
	retryDialStatuses: number[];
	/** IST wall-clock `Y-m-d H:i:s`, as sent. */
	startDateTime: string | null;
	endDateTime: string | null;
	timeGroupId: number | null;
	createdAt: number;
}

/** A number on the account's do-not-disturb list. */
export interface DndEntry {
	id: number;
	number: string;
	type: string;
	listId: number;
	createdAt: number;
}

export type DuplicateOption = 'skip' | 'overwrite' | 'clone';

export type LeadOutcome = 'inserted' | 'updated' | 'skipped';

/** A bulk upload, which Smartflo processes in the background and reports through `batch_status`. */
export interface LeadBatch {
	id: string;
	listId: number;
	total: number;
	inserted: number;
	updated: number;
	skipped: number;
	failed: number;
	createdAt: number;
}

export interface CampaignData {
	leadLists: LeadList[];
	leads: Lead[];
	broadcasts: Broadcast[];
	dnd: DndEntry[];
}

/** Lead lists, their leads, the broadcasts that call them and the DND list. */
export class Campaigns {
	private readonly lists: LeadList[];
	private leads: Lead[];
	private readonly broadcastList: Broadcast[];
	readonly dnd: readonly DndEntry[];
	private readonly batches = new Map<string, LeadBatch>();

	constructor(
		data: CampaignData,
		private readonly random: SeededRandom,
	) {
		this.lists = data.leadLists;
		this.leads = data.leads;
		this.broadcastList = data.broadcasts;
		this.dnd = data.dnd;
	}

	leadLists(): readonly LeadList[] {
		return this.lists;
	}

	leadList(id: number): LeadList | undefined {
		return this.lists.find((list) => list.id === id);
	}

	leadsOf(listId: number): Lead[] {
		return this.leads.filter((lead) => lead.listId === listId);
	}

	/** Adds a lead, or by `duplicate` skips or overwrites the lead already there with the same phone number. */
	addLead(
		listId: number,
		fields: Record<string, string>,
		duplicate: DuplicateOption,
		extras: { priority: number | null; skillId: string | null },
		now = Date.now(),
	): { outcome: LeadOutcome; lead: Lead } {
		const existing =
			duplicate === 'clone' ? undefined : this.leadsOf(listId).find((lead) => isSameNumber(lead.fields.field_0, fields.field_0));
		if (existing && duplicate === 'skip') return { outcome: 'skipped', lead: existing };
		if (existing) {
			existing.fields = { ...existing.fields, ...fields };
			if (extras.priority !== null) existing.priority = extras.priority;
			if (extras.skillId !== null) existing.skillId = extras.skillId;
			existing.updatedAt = now;
			return { outcome: 'updated', lead: existing };
		}
		const lead: Lead = { leadId: objectIdAt(now, this.random), listId, fields: { ...fields }, ...extras, createdAt: now, updatedAt: now };
		this.leads.push(lead);
		return { outcome: 'inserted', lead };
	}

	deleteLead(leadId: string): boolean {
		const before = this.leads.length;
		this.leads = this.leads.filter((lead) => lead.leadId !== leadId);
		return this.leads.length < before;
	}

	recordBatch(batch: Omit<LeadBatch, 'id'>): LeadBatch {
		const recorded = { ...batch, id: this.random.uuid() };
		this.batches.set(recorded.id, recorded);
		return recorded;
	}

	batch(id: string): LeadBatch | undefined {
		return this.batches.get(id);
	}

	broadcasts(): readonly Broadcast[] {
		return this.broadcastList;
	}

	broadcast(id: number): Broadcast | undefined {
		return this.broadcastList.find((entry) => entry.id === id);
	}

	createBroadcast(broadcast: Omit<Broadcast, 'id' | 'status' | 'createdAt'>, now = Date.now()): Broadcast {
		const created: Broadcast = {
			...broadcast,
			id: Math.max(0, ...this.broadcastList.map((entry) => entry.id)) + 1,
			status: 0,
			createdAt: now,
		};
		this.broadcastList.push(created);
		return created;
	}
}

/** A Mongo ObjectId made at `epochMs`: its seconds in hex, then 16 random hex digits. */
export function objectIdAt(epochMs: number, random: SeededRandom): string {
	return (
		Math.floor(epochMs / 1000)
			.toString(16)
			.padStart(8, '0') + random.hex(16)
	);
}

/** A time as Mongo's extended JSON writes it, as Smartflo's lead store answers. */
export function mongoDate(epochMs: number) {
	return { $date: { $numberLong: String(epochMs) } };
}
