import { mongoDate, type DuplicateOption, type Lead, type LeadList } from '../campaigns';
import type { ApiRoute, SandboxState } from '../context';
import { isSameNumber, isValidCustomerNumber } from '../phone';
import { numericId, scalarParams } from '../query-params';
import { formatIstDateTime, formatIstIso } from '../ist-time';
import { ok, refused } from '../replies';
import { Validator, type Input } from '../validation';

/** Lead fields the add endpoints accept; the list endpoint returns up to field_34. */
const LEAD_FIELD_COUNT = 35;
const DUPLICATE_OPTIONS: readonly DuplicateOption[] = ['skip', 'overwrite', 'clone'];
const MAX_BULK_LEADS = 1000;
const DEFAULT_DND_LIMIT = 20;
const MAX_DND_LIMIT = 100;
const LIST_NOT_FOUND = 'Lead list not found';

/** The lead lists: a bare array. */
export const leadListsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/lists',
	auth: 'bearer',
	handle({ state }) {
		return ok(state.campaigns.leadLists().map((list) => listWire(state, list)));
	},
};

/**
 * Adds one lead. The path id is the lead list's (what integrators pass, although Smartflo's page for
 * this endpoint calls it the active broadcast's); a broadcast id is not a lead list and is refused.
 */
export const addLeadRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/broadcast/lead/{id}',
	auth: 'bearer',
	handle({ state, params, body }) {
		const input = new Validator(body);
		const fields = leadFields(input);
		const duplicate = input.optionalChoice('duplicate_option', DUPLICATE_OPTIONS) ?? 'skip';
		const priority = input.optionalInteger('priority', { min: 1, max: 30 }) ?? null;
		const skillId = input.optionalText('skill_id') ?? null;
		if (input.failed || !fields) return input.reply();
		const list = findList(state, params.id);
		if (!list) return refused(LIST_NOT_FOUND);
		const { outcome, lead } = state.campaigns.addLead(list.id, fields, duplicate, { priority, skillId });
		const message = { inserted: 'Lead added successfully', updated: 'Lead updated successfully', skipped: 'Duplicate lead skipped' }[
			outcome
		];
		return ok({ success: true, message, lead_id: lead.leadId });
	},
};

/** Adds up to 1000 leads; invalid ones are counted as failed, the rest go in. Answers with a batch id. */
export const addLeadsRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/broadcast/leads/{id}',
	auth: 'bearer',
	handle({ state, params, body }) {
		const input = new Validator(body);
		const duplicate = input.optionalChoice('duplicate_option', DUPLICATE_OPTIONS) ?? 'skip';
		const skillId = input.optionalText('skill_id') ?? null;
		const data = body.data;
		if (!Array.isArray(data) || data.length === 0)
			input.invalid('data', Array.isArray(data) || data === undefined ? 'The data field is required.' : 'The data must be an array.');
		else if (data.length > MAX_BULK_LEADS) input.invalid('data', `The data may not have more than ${MAX_BULK_LEADS} items.`);
		if (input.failed || !Array.isArray(data)) return input.reply();
		const list = findList(state, params.id);
		if (!list) return refused(LIST_NOT_FOUND);

		const counts = { inserted: 0, updated: 0, skipped: 0, failed: 0 };
		for (const entry of data) {
			const record = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Input) : {};
			const fields = leadFields(new Validator(record));
			if (!fields) {
				counts.failed += 1;
				continue;
			}
			counts[state.campaigns.addLead(list.id, fields, duplicate, { priority: null, skillId }).outcome] += 1;
		}
		const batch = state.campaigns.recordBatch({ listId: list.id, total: data.length, ...counts, createdAt: Date.now() });
		return ok({ success: true, message: 'Leads are being uploaded', batch_id: batch.id });
	},
};

/** How a bulk upload went (Smartflo processes it in the background; the sandbox at once). */
export const batchStatusRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/batch_status/{id}',
	auth: 'bearer',
	handle({ state, params }) {
		const batch = state.campaigns.batch(params.id);
		if (!batch) return refused('Batch not found');
		const { total, inserted, updated, skipped, failed } = batch;
		return ok({ success: true, status: 'completed', list_id: batch.listId, total, inserted, updated, skipped, failed });
	},
};

/** The leads of a list: a bare array, filterable by `number`; an unknown list is refused with HTTP 200. */
export const leadsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/leads/{id}',
	auth: 'bearer',
	handle({ state, params, query }) {
		const list = findList(state, params.id);
		if (!list) return refused(LIST_NOT_FOUND);
		const number = query.get('number')?.trim();
		const leads = state.campaigns.leadsOf(list.id).filter((lead) => !number || isSameNumber(lead.fields.field_0, number));
		return ok(leads.map((lead) => leadWire(list, lead)));
	},
};

export const deleteLeadRoute: ApiRoute = {
	method: 'DELETE',
	path: '/v1/broadcast/lead/{id}',
	auth: 'bearer',
	handle({ state, params }) {
		if (!state.campaigns.deleteLead(params.id)) return refused('Lead not found');
		return ok({ success: true, message: 'Lead deleted successfully' });
	},
};

/** The DND list, keyset-paged by `last_seen_id` (limit 1–100, capped by maxPageSize): `{ hasMore, count, limit, data }`. */
export const dndLeadsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/broadcast/dnd/leads',
	auth: 'bearer',
	handle({ state, query }) {
		const input = new Validator(scalarParams(query));
		const requestedLimit = input.optionalInteger('limit', { min: 1, max: MAX_DND_LIMIT }) ?? DEFAULT_DND_LIMIT;
		const lastSeenId = input.optionalInteger('last_seen_id', { min: 0 });
		const listId = input.optionalInteger('list_id', { min: 1 });
		const id = input.optionalInteger('id', { min: 1 });
		if (input.failed) return input.reply();
		const limit = Math.min(requestedLimit, state.config.maxPageSize);
		const remaining = state.campaigns.dnd.filter(
			(entry) =>
				(lastSeenId === undefined || entry.id > lastSeenId) &&
				(listId === undefined || entry.listId === listId) &&
				(id === undefined || entry.id === id),
		);
		const page = remaining.slice(0, limit);
		return ok({
			hasMore: remaining.length > limit,
			count: page.length,
			limit,
			data: page.map((entry) => ({
				id: entry.id,
				number: entry.number,
				type: entry.type,
				list_id: entry.listId,
				created_at: formatIstIso(entry.createdAt),
			})),
		});
	},
};

/** The lead's fields, or undefined (with the errors in the validator) when field_0 is missing or not a phone number. */
function leadFields(input: Validator): Record<string, string> | undefined {
	const fields: Record<string, string> = {};
	for (let index = 0; index < LEAD_FIELD_COUNT; index++) {
		const value = index === 0 ? input.required('field_0') : input.optionalText(`field_${index}`);
		if (value !== undefined) fields[`field_${index}`] = value;
	}
	if (fields.field_0 !== undefined && !isValidCustomerNumber(fields.field_0)) input.invalid('field_0', 'The field 0 format is invalid.');
	return input.failed ? undefined : fields;
}

function findList(state: SandboxState, id: string): LeadList | undefined {
	return state.campaigns.leadList(numericId(id));
}

function listWire(state: SandboxState, list: LeadList) {
	return {
		id: list.id,
		name: list.name,
		description: list.description,
		lead_count: state.campaigns.leadsOf(list.id).length,
		fields: list.fields,
		created_at: formatIstDateTime(list.createdAt),
	};
}

/** A lead as Smartflo's lead store returns it: Mongo extended JSON dates. */
function leadWire(list: LeadList, lead: Lead) {
	return {
		id: lead.leadId,
		lead_id: lead.leadId,
		list_id: list.id,
		list_name: list.name,
		...lead.fields,
		priority: lead.priority,
		skill_id: lead.skillId,
		lead_picked: 0,
		added_by: 'api',
		created_at: mongoDate(lead.createdAt),
		updated_at: mongoDate(lead.updatedAt),
	};
}
