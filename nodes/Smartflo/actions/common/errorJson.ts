import type { IDataObject } from 'n8n-workflow';

/** What Continue On Fail outputs for a failed item: the message, and how to fix it when the error says. */
export function errorJson(error: unknown): IDataObject {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.description = description;
	return json;
}
