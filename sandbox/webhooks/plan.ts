import { findTrigger } from '../../src/webhooks/triggers';
import type { LifecycleEvent } from './lifecycle';
import type { WebhookQuirks } from './types';

export interface PlannedDelivery {
	event: LifecycleEvent;
	/** 1, or 2 for the duplicate. */
	copy: number;
}

/** The order deliveries go out in: the call's own order, unless quirks reorder or repeat events. */
export function planDeliveries(events: LifecycleEvent[], quirks: WebhookQuirks): PlannedDelivery[] {
	const ordered = quirks.outOfOrder ? answeredAfterHangup(events) : events;
	const duplicated = duplicatedTriggers(quirks.duplicates);
	return ordered.flatMap((event) => {
		const first = { event, copy: 1 };
		return duplicated === 'all' || duplicated.has(event.trigger) ? [first, { event, copy: 2 }] : [first];
	});
}

/** "Answered" events delivered after the hangups, as Smartflo sometimes does. */
function answeredAfterHangup(events: LifecycleEvent[]): LifecycleEvent[] {
	const answered = events.filter((event) => event.stage === 'answer');
	return [...events.filter((event) => event.stage !== 'answer'), ...answered];
}

function duplicatedTriggers(duplicates: WebhookQuirks['duplicates']): 'all' | Set<string> {
	if (duplicates === true) return 'all';
	if (!Array.isArray(duplicates)) return new Set();
	return new Set(duplicates.map((name) => findTrigger(name)?.id ?? name));
}
