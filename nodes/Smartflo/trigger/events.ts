import type { INodePropertyOptions } from 'n8n-workflow';

import { SMARTFLO_TRIGGERS } from '../../../src/webhooks/triggers';

/** Selects every delivery, also one whose body names no event. */
export const ANY_EVENT = '*';

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Any Event', value: ANY_EVENT, description: 'Every delivery, also one whose body names no event' },
	...SMARTFLO_TRIGGERS.map((trigger) => ({ name: trigger.name, value: trigger.id, description: trigger.description })),
];

/** Whether a delivery naming `event` (null: none) is one of the selected events. */
export function isSelected(selected: readonly string[], event: string | null): boolean {
	if (selected.includes(ANY_EVENT)) return true;
	return event !== null && selected.includes(event);
}
