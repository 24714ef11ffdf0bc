/**
 * Smartflo's endpoints as data: where each one lives, what it takes and how its answer is read. The n8n
 * node reads its requests from here; a GraphQL or MCP face can expose the same catalogue.
 */

import type { HttpMethod } from '../../http/transport';

export type { HttpMethod };

/**
 * How a value is checked and sent:
 * - `text`: a string, trimmed; `integer`: a whole number (numeric text is accepted);
 * - `flag`: Smartflo's 1 / 0 (Laravel's `boolean` rule refuses "true" in a query); `boolean`: JSON true / false;
 * - `textList` / `integerList`: arrays (a comma-separated string is split); `records`: an array of objects;
 * - `dateTime`: PHP `Y-m-d H:i:s`, a wall-clock time in the account's time zone (instants are converted);
 * - `phoneNumber`: a customer's number, sent as typed (in a path without a leading `+`): 10–15 digits, a leading
 *   `+` or trunk `0` aside.
 */
export type ParamType = 'text' | 'integer' | 'flag' | 'boolean' | 'textList' | 'integerList' | 'records' | 'dateTime' | 'phoneNumber';

export interface ParamDefinition {
	/** Smartflo's name for it. */
	name: string;
	/** A person's name for it, used in error messages. */
	label: string;
	in: 'path' | 'query' | 'body';
	type: ParamType;
	required?: boolean;
	/** Bounds of an integer, or of each element of an integer list. */
	min?: number;
	max?: number;
	/** The values Smartflo accepts. */
	choices?: readonly string[];
	/** A secret (a password, an API key): its value never appears in an error or a log. */
	secret?: boolean;
	description: string;
}

export type Pagination =
	/** One request; a limit trims the answer. */
	| { style: 'none' }
	/** `page` / `limit` (1-based), stopping at a short page or at `count`. */
	| { style: 'page'; pageSize: number }
	/** Keyset: `limit` + `last_seen_id`, stopping when the answer's has-more flag is false. */
	| { style: 'cursor'; pageSize: number; hasMoreField: 'has_more' | 'hasMore' };

export type ResponseShape =
	/** `{ success, message, … }`: the answer is the result. */
	| { kind: 'result' }
	/** One record, under `data` (`{ data: {…} }`), as recordOf reads it. */
	| { kind: 'record' }
	/** Records in a bare array or under `at`. */
	| { kind: 'list'; at?: string; pagination: Pagination };

/**
 * What calling an endpoint does to the account and the world, for the faces that must tell reads from
 * writes (GraphQL queries and mutations, MCP tool annotations, API keys limited to reads). The HTTP method
 * cannot tell: starting and stopping a broadcast are GETs.
 * - `read`: changes nothing;
 * - `write`: creates or changes account data (users, numbers, departments, leads, broadcasts);
 * - `delete`: removes data that cannot be brought back;
 * - `call`: places, joins, moves or ends real phone calls, now or at a scheduled time: people's phones
 *   ring, and calls cost money.
 */
export type EndpointEffect = 'read' | 'write' | 'delete' | 'call';

export interface EndpointDefinition {
	summary: string;
	method: HttpMethod;
	effect: EndpointEffect;
	/** Below the base URL, with `{name}` for path parameters, e.g. `/v1/broadcast/{id}`. */
	path: string;
	/** `bearer`: the account's token; `apiKey`: a key in the body, no token. */
	auth: 'bearer' | 'apiKey';
	params: readonly ParamDefinition[];
	response: ResponseShape;
	/**
	 * A body field other than `success` that Smartflo sets to false to refuse, with HTTP 200 (the
	 * scheduled-callback endpoints answer `{ ok, message, data }`).
	 */
	refusalFlag?: string;
	/** Smartflo's documentation page. */
	docs?: string;
}
