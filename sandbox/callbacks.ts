import type { User } from './directory';

/** 0 pending, 1 in progress, 2 completed */
export type CallbackStatus = 0 | 1 | 2;

/** A dialer callback an agent is to make. */
export interface ScheduledCallback {
	id: number;
	agent: User;
	customerName: string | null;
	customerNumber: string;
	/** Epoch ms of the IST wall-clock time it was scheduled for. */
	scheduledAt: number;
	status: CallbackStatus;
	reminder: boolean;
	reminderMinutes: number | null;
	expiresAfterMinutes: number | null;
	inboundQueue: number | null;
	createdAt: number;
}

export class CallbackBook {
	private readonly entries: ScheduledCallback[];

	constructor(entries: ScheduledCallback[]) {
		this.entries = [...entries].sort((a, b) => a.scheduledAt - b.scheduledAt);
	}

	/** Due between `from` and `to` (epoch ms, inclusive), soonest first. */
	between(from: number, to: number): ScheduledCallback[] {
		return this.entries.filter((entry) => entry.scheduledAt >= from && entry.scheduledAt <= to);
	}

	add(callback: Omit<ScheduledCallback, 'id' | 'status' | 'createdAt'>, now = Date.now()): ScheduledCallback {
		const created: ScheduledCallback = {
			...callback,
			id: Math.max(1000, ...this.entries.map((entry) => entry.id)) + 1,
			status: 0,
			createdAt: now,
		};
		const at = this.entries.findIndex((entry) => entry.scheduledAt > created.scheduledAt);
		this.entries.splice(at === -1 ? this.entries.length : at, 0, created);
		return created;
	}
}
