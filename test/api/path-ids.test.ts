import fc from 'fast-check';

import {
	buildRequest,
	EndpointInputError,
	SMARTFLO_ENDPOINTS,
	type EndpointDefinition,
	type ParamDefinition,
	type Values,
} from '../../src/api/endpoints';

const BASE_URL = 'https://api-smartflo.tatateleservices.com';
const ALL = Object.values(SMARTFLO_ENDPOINTS).flatMap((area) => Object.values(area) as EndpointDefinition[]);
const WITH_PATH_ID = ALL.filter((endpoint) => endpoint.params.some((param) => param.in === 'path'));
/** The endpoints whose path parameter is an ID (not a customer number, which has rules of its own). */
const WITH_ID = WITH_PATH_ID.filter((endpoint) => endpoint.params.some((param) => param.in === 'path' && param.type !== 'phoneNumber'));

/** A value each type accepts, for the required parameters besides the path ID. */
function validValue(param: ParamDefinition): unknown {
	const text = param.choices?.[0] ?? 'x';
	const number = param.min ?? 1;
	const values: Record<ParamDefinition['type'], unknown> = {
		text,
		integer: number,
		flag: 1,
		boolean: true,
		textList: [text],
		integerList: [number],
		records: [{ field_0: '9876543210' }],
		dateTime: '2026-09-21 10:00:00',
		phoneNumber: '9876543210',
	};
	return values[param.type];
}

function valuesWith(endpoint: EndpointDefinition, pathValue: unknown): { values: Values; pathParam: ParamDefinition } {
	const pathParam = endpoint.params.find((param) => param.in === 'path') as ParamDefinition;
	const values: Values = {};
	for (const param of endpoint.params) if (param.required && param.in !== 'path') values[param.name] = validValue(param);
	values[pathParam.name] = pathValue;
	return { values, pathParam };
}

/** The EndpointInputError buildRequest throws, or undefined when it builds the request. */
function refusalOf(endpoint: EndpointDefinition, values: Values): EndpointInputError | undefined {
	try {
		buildRequest(endpoint, values);
		return undefined;
	} catch (error) {
		if (error instanceof EndpointInputError) return error;
		throw error;
	}
}

/** The request's path after a URL parser has resolved it against the base URL, as an HTTP client sends it. */
const sentPath = (path: string) => new URL(path, BASE_URL).pathname;

const endpointWithPathId = fc.constantFrom(...WITH_PATH_ID);

/** Dot segments in every spelling a server, proxy or Unicode normalisation may read as `.` or `..`. */
const DOT_SEGMENTS = [
	'.',
	'..',
	'...',
	' .. ',
	'%2e',
	'%2E',
	'%2e%2e',
	'%2E%2e',
	'.%2e',
	'%2e.',
	'%252e%252e',
	'%u002e%u002e',
	'\uff0e',
	'\uff0e\uff0e',
	'\u2024\u2024',
	'\u2025',
	'\u3002\u3002',
	'\ufe52\ufe52',
	'..\u0000',
];
const SEPARATORS = ['/', '\\', '%2f', '%2F', '%5c', '\uff0f', '\uff3c', '\u2215', '?', '#', ';', '%00'];
const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const plainPart = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

/** Values that are not plain IDs: dot segments, paths, separators, control characters, and mixes of them. */
const notAnId = fc.oneof(
	fc.constantFrom(...DOT_SEGMENTS),
	fc.constantFrom('./x', '../x', 'x/..', 'x/../y', '..\\x', 'a/b', 'a\\b', '5101/', '/5101', '..;/', '5101?x=1', '5101#x'),
	fc.tuple(plainPart, fc.constantFrom(...SEPARATORS, ...DOT_SEGMENTS.map((dots) => `/${dots}`)), plainPart).map((parts) => parts.join('')),
	fc.tuple(plainPart, CONTROL, plainPart).map((parts) => parts.join('')),
	// Characters that trimming keeps (a trailing space or BOM is trimmed off, leaving a plain ID).
	fc.tuple(plainPart, fc.constantFrom('\u007f', '\u0085', '\u200b', '\u00ad', 'é', ' x')).map((parts) => parts.join('')),
	fc.stringMatching(/^[A-Za-z0-9]{129,140}$/),
);

describe('path IDs in the catalogue’s request builder', () => {
	it('the catalogue has path parameters to guard: Broadcast, Lead List, Lead, Number and User IDs', () => {
		expect(WITH_PATH_ID.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).toEqual(
			expect.arrayContaining(['POST /v1/broadcast/lead/{id}', 'DELETE /v1/broadcast/lead/{id}', 'PATCH /v1/user/{id}']),
		);
		expect(WITH_PATH_ID.length).toBeGreaterThanOrEqual(10);
	});

	it.each([
		['Lead → Add, lead list ..', SMARTFLO_ENDPOINTS.lead.add, { id: '..', field_0: '9876543210' }, 'Lead List ID', '/v1/broadcast/'],
		['Lead → Delete, lead ..', SMARTFLO_ENDPOINTS.lead.remove, { id: '..' }, 'Lead ID', '/v1/broadcast/'],
		['User → Update, user ..', SMARTFLO_ENDPOINTS.user.update, { id: '..', name: 'Asha' }, 'User ID', '/v1/'],
	])('%s: refused, naming the field, instead of going to another endpoint', (_case, endpoint, values, label, elsewhere) => {
		// What the template would have become: another endpoint, reached with the account's token.
		expect(sentPath(endpoint.path.replace('{id}', values.id))).toBe(elsewhere);
		const error = refusalOf(endpoint, values);
		expect(error).toBeInstanceOf(EndpointInputError);
		expect(error?.field).toBe('id');
		expect(error?.message).toBe(
			`${label} must be an ID: up to 128 letters, digits, dots, hyphens, underscores or tildes, and not only dots`,
		);
		expect(error?.hint).toMatch(new RegExp(`^Set ${label} to the ID itself`));
	});

	it('every endpoint with a path parameter refuses every value that is not a plain ID, naming the field', () => {
		fc.assert(
			fc.property(endpointWithPathId, notAnId, (endpoint, value) => {
				const { values, pathParam } = valuesWith(endpoint, value);
				const error = refusalOf(endpoint, values);
				expect(error).toBeInstanceOf(EndpointInputError);
				expect(error?.field).toBe(pathParam.name);
				expect(error?.message.startsWith(`${pathParam.label} `)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});

	it('whatever text an ID is, the request is refused or goes to the endpoint it names: one segment, sent as built', () => {
		const anyText = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 12 }),
			fc.string({ unit: fc.constantFrom('.', '%', '2', 'e', 'E', '/', '\\', 'a'), maxLength: 8 }),
		);
		fc.assert(
			fc.property(endpointWithPathId, anyText, (endpoint, value) => {
				const { values, pathParam } = valuesWith(endpoint, value);
				const error = refusalOf(endpoint, values);
				if (error) {
					expect(error.field).toBe(pathParam.name);
					return;
				}
				const { path } = buildRequest(endpoint, values);
				const sent = pathParam.type === 'phoneNumber' ? value.trim().replace(/^\+/, '') : value.trim();
				expect(path).toBe(endpoint.path.replace(`{${pathParam.name}}`, sent));
				expect(sentPath(path)).toBe(path);
				expect(path.split('/')).toHaveLength(endpoint.path.split('/').length);
			}),
			{ numRuns: 3000 },
		);
	});

	it('a customer number in a path is sent without its leading +, and must be one', () => {
		const { callNotes } = SMARTFLO_ENDPOINTS.dialer;
		expect(buildRequest(callNotes, { client_number: ' +919876543210 ' }).path).toBe('/v1/call/notes/919876543210');
		expect(buildRequest(callNotes, { client_number: '09876543210' }).path).toBe('/v1/call/notes/09876543210');
		expect(refusalOf(callNotes, { client_number: '+91 98765 43210' })?.field).toBe('client_number');
	});

	it('every endpoint takes the IDs Smartflo gives: numbers, agent-style and Mongo IDs, with dots, hyphens and underscores inside', () => {
		const id = fc.oneof(
			fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
			fc.stringMatching(/^[0-9a-f]{24}$/),
			fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}$/),
			fc.constantFrom('0502842370097', '1715235734.129662', 'a..b', '.x', 'x.'),
		);
		fc.assert(
			fc.property(fc.constantFrom(...WITH_ID), id, (endpoint, value) => {
				const { values, pathParam } = valuesWith(endpoint, value);
				const { path } = buildRequest(endpoint, values);
				expect(path).toBe(endpoint.path.replace(`{${pathParam.name}}`, String(value)));
				expect(sentPath(path)).toBe(path);
			}),
			{ numRuns: 1000 },
		);
	});
});
