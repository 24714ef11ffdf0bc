import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { isJsonObject } from '../../../src/api/answer';

/** One thing a picker offers: what it shows, the value it sets, and the texts a search matches. */
export interface Choice extends INodePropertyOptions {
	value: string;
	terms: string[];
}

/** Upstream requests one list search makes at most. */
export const MAX_PAGES_PER_SEARCH = 5;
/** A search of a paged list stops reading once it has this many matches. */
export const ENOUGH_RESULTS = 50;
/** Matches shown from a list Smartflo answers whole; a longer list is narrowed by typing. */
export const MAX_UNPAGED_RESULTS = 500;

/** Longer search texts are cut: a filter is a few words or digits. */
const MAX_FILTER_LENGTH = 100;
/** Digits a filter needs to be matched against numbers ignoring their spelling (`+91 80691` finds `918069123456`). */
const MIN_NUMBER_DIGITS = 3;

/** An agent of `GET /v1/users`, valued by `agent.id`, which calls and filters want. */
export function agentChoice(user: IDataObject): Choice | undefined {
	const agent = isJsonObject(user.agent) ? user.agent : undefined;
	const id = text(agent?.id);
	if (id === '') return undefined;
	const name = text(user.name) || text(agent?.name) || 'Agent';
	return { name: `${name} (${id})`, value: id, terms: [name, id, text(agent?.follow_me_number), text(user.extension)] };
}

/** A user of `GET /v1/users`, valued by the user ID, which the user endpoints want (not the agent ID). */
export function userChoice(user: IDataObject): Choice | undefined {
	const id = text(user.id);
	if (id === '') return undefined;
	const name = text(user.name) || 'User';
	return { name: `${name} (${id})`, value: id, terms: [name, id, text(user.login_id)] };
}

/** A number of `GET /v1/my_number`, valued by the number itself, as caller IDs and DID filters are sent. */
export function callerIdChoice(entry: IDataObject): Choice | undefined {
	const did = text(entry.did);
	return did === '' ? undefined : { name: numberLabel(entry), value: did, terms: [did, text(entry.alias), text(entry.name)] };
}

/** A number of `GET /v1/my_number`, valued by its ID, which number updates and users' caller IDs want. */
export function myNumberChoice(entry: IDataObject): Choice | undefined {
	const id = text(entry.id);
	return id === '' ? undefined : { name: numberLabel(entry), value: id, terms: [text(entry.did), text(entry.alias), text(entry.name), id] };
}

/** A department, IVR, lead list, broadcast and the like: valued by its ID, shown by its name. */
export function namedChoice(noun: string): (entry: IDataObject) => Choice | undefined {
	return (entry) => {
		const id = text(entry.id);
		if (id === '') return undefined;
		const name = text(entry.name) || `${noun} ${id}`;
		return { name, value: id, terms: [name, id] };
	};
}

/** The choices of some records, without the records that have no value. */
export function choicesOf(entries: IDataObject[], choice: (entry: IDataObject) => Choice | undefined): Choice[] {
	return entries.map(choice).filter((entry): entry is Choice => entry !== undefined);
}

/** Whether a choice matches a search: case-insensitive text, or for a number-like filter its digits. */
export function matchesFilter(choice: Choice, filter: string | undefined): boolean {
	const wanted = (filter ?? '').trim().slice(0, MAX_FILTER_LENGTH).toLowerCase();
	if (wanted === '') return true;
	if (choice.terms.some((term) => term.toLowerCase().includes(wanted))) return true;
	const digits = wanted.replace(/\D/g, '');
	const numberLike = /^[\d\s+().-]+$/.test(wanted) && digits.length >= MIN_NUMBER_DIGITS;
	return numberLike && choice.terms.some((term) => term.replace(/\D/g, '').includes(digits));
}

export function byName<T extends INodePropertyOptions>(options: T[]): T[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A number as pickers show it: the DID, with its alias or name. */
function numberLabel(entry: IDataObject): string {
	const label = text(entry.alias) || text(entry.name);
	return label ? `${text(entry.did)} (${label})` : text(entry.did);
}
