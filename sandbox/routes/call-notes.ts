import { mongoDate } from '../campaigns';
import type { ApiRoute } from '../context';
import type { CallNote } from '../dialer';
import { formatIstDateTime } from '../ist-time';
import { digitsOf, isSameNumber } from '../phone';
import { scalarParams } from '../query-params';
import { ok } from '../replies';
import { Validator } from '../validation';

const DEFAULT_LIMIT = 10;

/**
 * The notes on calls with a customer number (matched on its last 10 digits), newest first, paged with
 * `page` / `limit` (capped by maxPageSize): `{ count, limit, page, results }`. A number without notes
 * gets an empty page.
 */
export const callNotesRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/call/notes/{client_number}',
	auth: 'bearer',
	handle({ state, params, query }) {
		const input = new Validator(scalarParams(query));
		const page = input.optionalInteger('page', { min: 1 }) ?? 1;
		const limit = Math.min(input.optionalInteger('limit', { min: 1 }) ?? DEFAULT_LIMIT, state.config.maxPageSize);
		if (digitsOf(params.client_number).length < 10) input.invalid('client_number', 'The client number format is invalid.');
		if (input.failed) return input.reply();
		const notes = state.dialer.notesOf((number) => isSameNumber(number, params.client_number));
		const results = notes.slice((page - 1) * limit, page * limit).map(toWire);
		return ok({ count: notes.length, limit, page, results });
	},
};

/** As Smartflo's sample answer has a note: Mongo extended JSON for the call's time, `d-m-Y H:i:s` for the readable ones. */
function toWire(note: CallNote) {
	const readable = dayFirst(formatIstDateTime(note.callAt));
	return {
		_id: note.id,
		calldate: mongoDate(note.callAt),
		call_hint: note.callHint,
		notes: { message: note.message, created_by: note.createdBy, name: note.companyName },
		readableTime: readable,
		date: readable,
	};
}

/** `Y-m-d H:i:s` as `d-m-Y H:i:s`. */
function dayFirst(dateTime: string): string {
	const [date, time] = dateTime.split(' ');
	const [year, month, day] = date.split('-');
	return `${day}-${month}-${year} ${time}`;
}
