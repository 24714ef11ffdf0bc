import { EVENT_FIELD, type SmartfloTrigger } from './triggers';

/**
 * The request body to paste into the Smartflo portal for a trigger: a JSON object with the trigger's
 * id under `event` and each of its variables as `"name": "$name"`. Smartflo fills the variables in.
 */
export function bodyTemplate(trigger: SmartfloTrigger): Record<string, string> {
	const body: Record<string, string> = { [EVENT_FIELD]: trigger.id };
	for (const variable of trigger.variables) body[variable] = `$${variable}`;
	return body;
}

/** The template as text: one line (`indent` 0) or indented. */
export function bodyTemplateText(trigger: SmartfloTrigger, indent = 0): string {
	return JSON.stringify(bodyTemplate(trigger), null, indent || undefined);
}
