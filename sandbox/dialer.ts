/** A lead list of a dialer campaign: 1 active (dialled), 0 inactive. */
export interface CampaignLeadList {
	listId: number;
	status: 0 | 1;
}

/** What the fields of a dialer campaign hold once read: text, numbers, flags (0 / 1), lists or lead lists. */
export type CampaignValue = string | number | number[] | string[] | CampaignLeadList[];

/**
 * A dialer campaign: its fields under Smartflo's names, as last sent (`name`, `dial_method`,
 * `outbound_caller_id`, `lead_list_map`, …), with the ID and times Smartflo adds.
 */
export interface DialerCampaign {
	id: number;
	fields: Record<string, CampaignValue>;
	createdAt: number;
	updatedAt: number;
}

/** A user's dialer session: the campaign whose leads are dialled for their agent. */
export interface DialerSession {
	campaignId: number;
	startedAt: number;
}

/** A note an agent wrote on a call, as Smartflo keeps them per customer number. */
export interface CallNote {
	/** A Mongo ObjectId. */
	id: string;
	clientNumber: string;
	callAt: number;
	callHint: 'inbound' | 'outbound';
	message: string;
	/** The account's client ID, and its company name. */
	createdBy: string;
	companyName: string;
}

export interface DialerData {
	campaigns: DialerCampaign[];
	notes: CallNote[];
}

/** Dialer campaigns, the users' sessions in them, and the notes on calls. */
export class Dialer {
	private readonly campaignList: DialerCampaign[];
	/** By the token's user (its `sub`). */
	private readonly sessions = new Map<string, DialerSession>();
	private readonly notes: CallNote[];

	constructor(data: DialerData) {
		this.campaignList = data.campaigns;
		this.notes = [...data.notes].sort((a, b) => b.callAt - a.callAt);
	}

	campaigns(): readonly DialerCampaign[] {
		return this.campaignList;
	}

	campaign(id: number): DialerCampaign | undefined {
		return this.campaignList.find((campaign) => campaign.id === id);
	}

	addCampaign(fields: Record<string, CampaignValue>, now = Date.now()): DialerCampaign {
		const created: DialerCampaign = {
			id: Math.max(0, ...this.campaignList.map((entry) => entry.id)) + 1,
			fields,
			createdAt: now,
			updatedAt: now,
		};
		this.campaignList.push(created);
		return created;
	}

	updateCampaign(campaign: DialerCampaign, fields: Record<string, CampaignValue>, now = Date.now()): void {
		campaign.fields = { ...campaign.fields, ...fields };
		campaign.updatedAt = now;
	}

	sessionOf(user: string): DialerSession | undefined {
		return this.sessions.get(user);
	}

	startSession(user: string, campaignId: number, now = Date.now()): DialerSession {
		const session = { campaignId, startedAt: now };
		this.sessions.set(user, session);
		return session;
	}

	endSession(user: string): void {
		this.sessions.delete(user);
	}

	/** The notes on calls with this customer, newest first; `matches` says which numbers are the same. */
	notesOf(matches: (clientNumber: string) => boolean): CallNote[] {
		return this.notes.filter((note) => matches(note.clientNumber));
	}
}
