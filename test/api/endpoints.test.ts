import {
	buildRequest,
	encodeDestination,
	EndpointInputError,
	recordOf,
	recordsOf,
	SMARTFLO_ENDPOINTS,
	type EndpointDefinition,
} from '../../src/api/endpoints';
import { readAnswer } from '../../src/api/answer';

const { broadcast, call, callRecord, dialer, lead, user } = SMARTFLO_ENDPOINTS;

/** The EndpointInputError buildRequest throws, or fails the test. */
function inputError(endpoint: EndpointDefinition, values: Record<string, unknown>, timeZone?: string): EndpointInputError {
	try {
		buildRequest(endpoint, values, { timeZone });
	} catch (error) {
		if (error instanceof EndpointInputError) return error;
		throw error;
	}
	throw new Error('buildRequest accepted the values');
}

describe('the endpoint catalogue', () => {
	it('says what each endpoint does: only GETs read, and the GETs that act are the broadcast controls', () => {
		const all = Object.values(SMARTFLO_ENDPOINTS).flatMap((area) => Object.values(area) as EndpointDefinition[]);
		for (const endpoint of all.filter((endpoint) => endpoint.method !== 'GET')) expect(endpoint.effect).not.toBe('read');
		expect(all.filter((endpoint) => endpoint.method === 'GET' && endpoint.effect !== 'read')).toEqual([broadcast.start, broadcast.stop]);
		expect(all.filter((endpoint) => endpoint.method === 'DELETE').every((endpoint) => endpoint.effect === 'delete')).toBe(true);
		expect(SMARTFLO_ENDPOINTS.call.clickToCall.effect).toBe('call');
	});

	it('describes every endpoint completely: method, path, documented parameters with labels, answer shape', () => {
		const all = Object.values(SMARTFLO_ENDPOINTS).flatMap((area) => Object.values(area) as EndpointDefinition[]);
		expect(new Set(all.map((endpoint) => `${endpoint.method} ${endpoint.path}`)).size).toBe(all.length);
		expect(all).toHaveLength(36);
		for (const endpoint of all) {
			expect(endpoint.path).toMatch(/^\/v[12]\//);
			for (const name of endpoint.path.match(/\{(\w+)\}/g) ?? []) {
				expect(endpoint.params.some((param) => param.in === 'path' && `{${param.name}}` === name)).toBe(true);
			}
			for (const param of endpoint.params) {
				expect(param.label).toMatch(/^[A-Z]/);
				expect(param.description).not.toBe('');
			}
			if (endpoint.method === 'GET') expect(endpoint.params.every((param) => param.in !== 'body')).toBe(true);
		}
	});
});

describe('buildRequest', () => {
	it('fills path parameters, places query and body values, converts types', () => {
		expect(buildRequest(broadcast.start, { id: ' 7001 ', start_date_time: '2026-09-21T04:45:00Z' })).toEqual({
			method: 'GET',
			path: '/v1/broadcast/start/7001',
			qs: { start_date_time: '2026-09-21 10:15:00' },
		});
		expect(
			buildRequest(broadcast.create, {
				name: ' Renewals ',
				phone_number_list: 5101,
				destination: 'ivr||301',
				timeout: '45',
				number_of_retry: 0,
				dialstatus: '1, 2,3',
				end_date_time: '',
			}),
		).toEqual({
			method: 'POST',
			path: '/v1/broadcast',
			body: {
				name: 'Renewals',
				phone_number_list: '5101',
				destination: 'ivr||301',
				timeout: 45,
				number_of_retry: 0,
				dialstatus: [1, 2, 3],
			},
		});
		expect(buildRequest(user.getMany, { is_web_login: false, is_extension_created: true })).toEqual({
			method: 'GET',
			path: '/v1/users',
			qs: { is_extension_created: 1, is_web_login: 0 },
		});
		expect(buildRequest(user.update, { id: 62501, block_agent: 'false' }).body).toEqual({ block_agent: false });
	});

	it.each([
		[broadcast.create, { name: 'x', phone_number_list: '1', destination: 'ivr||1', timeout: 39 }, 'Timeout must be at least 40'],
		[broadcast.create, { name: 'x', phone_number_list: '1', destination: 'ivr||1', number_of_retry: 6 }, 'Retries must be between 0 and 5'],
		[
			broadcast.create,
			{ name: 'x', phone_number_list: '1', destination: 'ivr||1', concurrent_limit: 1.5 },
			'Concurrency must be a whole number',
		],
		[broadcast.create, { name: 'x', destination: 'ivr||1' }, 'Lead List is required'],
		[
			broadcast.create,
			{ name: 'x', phone_number_list: '1', destination: 'ivr||1', dialstatus: [1, 7] },
			'Dial Statuses must be between 1 and 5',
		],
		[lead.add, { id: '5101', field_0: '98765', priority: 31 }, 'Priority must be between 1 and 30'],
		[
			lead.add,
			{ id: '5101', field_0: '98765', duplicate_option: 'replace' },
			'If Already There must be one of skip, overwrite, clone, not "replace"',
		],
		[lead.add, { id: ' ', field_0: '98765' }, 'Lead List ID is required'],
		[lead.addMany, { id: '5101', data: ['9876543210'] }, 'Leads must be a list of records'],
		[dialer.callbacks, { from_date: '2026-09-21' }, 'To is required'],
		[callRecord.getMany, { to_date: '21/09/2026' }, 'To: "21/09/2026" is not a date and time'],
		[
			user.create,
			{
				name: 'A',
				number: '1',
				email: 'e',
				login_id: 'l',
				user_role: 1,
				password: 'p',
				caller_id: [3101],
				create_agent: 'maybe',
				status: true,
			},
			'Create Agent must be true or false',
		],
	])('refuses bad values with the field and a hint: %#', (endpoint, values, message) => {
		const error = inputError(endpoint, values);
		expect(error.message).toBe(message);
		expect(error.hint).not.toBe('');
	});

	it('checks customer numbers: 10 to 15 digits, a leading + or 0 aside, sent as given', () => {
		const clickToCall = (destination_number: unknown) => ({ agent_number: '0502842370097', destination_number, async: 1 });
		for (const number of ['9876543210', '+919876543210', '09876543210', '987654321012345', 9876543210]) {
			expect(buildRequest(call.clickToCall, clickToCall(number)).body?.destination_number).toBe(String(number));
		}
		for (const number of ['98765', '12345', '+91 98765 43210', '9876543210123456', '98765x43210', '098765432']) {
			const error = inputError(call.clickToCall, clickToCall(number));
			expect([number, error.field, error.message]).toEqual([
				number,
				'destination_number',
				'Destination Number must have 10 to 15 digits (a leading + or 0 not counted)',
			]);
			expect(error.hint).toMatch(/9876543210/);
		}
		expect(inputError(call.clickToCallSupport, { customer_number: '12345', api_key: 'k', async: 1 }).message).toBe(
			'Customer Number must have 10 to 15 digits (a leading + or 0 not counted)',
		);
	});

	it('builds the dialer campaign requests from the fields of Smartflo’s add and update pages', () => {
		const required = {
			name: 'Renewals',
			dial_method: '1',
			outbound_caller_id: 3101,
			disposition_list: '4001',
			number_of_retry: '2',
			retry_after_minutes: 30,
			auto_disposition_cancel_duration: 30,
			dial_status: '0, -1, 3',
		};
		expect(
			buildRequest(dialer.createCampaign, {
				...required,
				auto_dial_duration: 10,
				lead_list_map: [{ list_id: 5101, list_status: 1 }],
				agent: ['0502842370097'],
				hide_lead_details: true,
				enable_inbound: 'false',
			}),
		).toEqual({
			method: 'POST',
			path: '/v1/dialer/campaign',
			body: {
				...required,
				number_of_retry: 2,
				outbound_caller_id: [3101],
				dial_status: [0, -1, 3],
				auto_dial_duration: 10,
				lead_list_map: [{ list_id: 5101, list_status: 1 }],
				agent: ['0502842370097'],
				hide_lead_details: 1,
				enable_inbound: 0,
			},
		});
		for (const name of Object.keys(required)) {
			const { [name]: _left, ...rest } = required as Record<string, unknown>;
			expect(inputError(dialer.createCampaign, rest).field).toBe(name);
		}
		expect(inputError(dialer.createCampaign, { ...required, dial_method: 'preview' }).message).toBe(
			'Dial Method must be one of 1, 2, not "preview"',
		);
		expect(inputError(dialer.createCampaign, { ...required, dial_status: [-10] }).message).toBe('Dial Statuses must be at least -9');
		// The update page requires nothing but the campaign, and takes one caller ID.
		expect(buildRequest(dialer.updateCampaign, { id: '8001', outbound_caller_id: '3102', ring_strategy: '3' })).toEqual({
			method: 'PUT',
			path: '/v1/dialer/campaign/8001',
			body: { outbound_caller_id: 3102, ring_strategy: '3' },
		});
		expect(dialer.updateCampaign.params.some((param) => param.name === 'queue_timeout')).toBe(false);
		expect(inputError(dialer.updateCampaign, { description: 'x' }).message).toBe('Campaign ID is required');
	});

	it('builds session calls and call-note lists', () => {
		expect(buildRequest(dialer.sessionCall, { startOrEnd: 'true', campaignId: 8001 })).toEqual({
			method: 'POST',
			path: '/v1/dialer/session_call',
			body: { startOrEnd: true, campaignId: '8001' },
		});
		expect(buildRequest(dialer.sessionCall, { startOrEnd: false, logout: 1 }).body).toEqual({ startOrEnd: false, logout: true });
		expect(inputError(dialer.sessionCall, { campaignId: '8001' }).message).toBe('Start or End is required');
		expect(buildRequest(dialer.callNotes, { client_number: '9876543210' })).toEqual({ method: 'GET', path: '/v1/call/notes/9876543210' });
		expect(inputError(dialer.callNotes, { client_number: '98765' }).field).toBe('client_number');
		expect(dialer.callNotes.response).toEqual({ kind: 'list', at: 'results', pagination: { style: 'page', pageSize: 100 } });
	});

	it('converts dates in the time zone asked for, and refuses an unknown one', () => {
		expect(
			buildRequest(dialer.callbacks, { from_date: '2026-09-21T00:00:00Z', to_date: '2026-09-21 23:59:59' }, { timeZone: 'Asia/Dubai' }).qs,
		).toEqual({
			from_date: '2026-09-21 04:00:00',
			to_date: '2026-09-21 23:59:59',
		});
		expect(inputError(dialer.callbacks, { from_date: '2026-09-21', to_date: '2026-09-22' }, 'Mars/Olympus').message).toBe(
			'From: "Mars/Olympus" is not a time zone',
		);
	});

	it('treats a name the endpoint does not have as a programming error', () => {
		expect(() => buildRequest(lead.add, { id: '1', field_0: '9876543210', field_99: 'x' })).toThrow(
			'"field_99" is not a parameter of POST /v1/broadcast/lead/{id}',
		);
	});
});

describe('encodeDestination: Smartflo’s type||id', () => {
	it.each([
		['agent', '0502842370097', 'agent||0502842370097'],
		['ivr', 301, 'ivr||301'],
		['custom_dialplan', ' night-shift ', 'custom_dialplan||night-shift'],
		['hangup', undefined, 'hangup||1'],
	])('%s → %s', (type, target, expected) => {
		expect(encodeDestination(type, target)).toBe(expected);
	});

	it.each([
		['voicemail', '1', 'Destination Type "voicemail" is not one Smartflo knows'],
		['department', '', 'The Department destination needs the department ID'],
		['ivr', 'ivr||301', 'The IVR destination must be the IVR ID, not a "type||id" value'],
	])('refuses %s %j', (type, target, message) => {
		expect(() => encodeDestination(type, target)).toThrow(new EndpointInputError('destination', message, ''));
	});
});

describe('reading answers', () => {
	it.each([
		['a bare array', [{ id: 1 }, { id: 2 }], undefined],
		['call records', { count: 2, limit: 20, page: 1, results: [{ id: 1 }, { id: 2 }] }, 'results'],
		['users', { has_more: false, last_seen_id: 2, data: [{ id: 1 }, { id: 2 }] }, 'data'],
		['IVRs', { ivrs: [{ id: 1 }, { id: 2 }] }, 'ivrs'],
		['DND leads', { hasMore: false, count: 2, limit: 100, data: [{ id: 1 }, { id: 2 }] }, 'data'],
		['a list under an unexpected key', { items: [{ id: 1 }, { id: 2 }] }, 'data'],
	])('finds the records of %s', (_shape, body, at) => {
		expect(recordsOf(body, at)).toEqual([{ id: 1 }, { id: 2 }]);
	});

	it('wraps scalars and reads single records', () => {
		expect(recordsOf(['918069123456'])).toEqual([{ value: '918069123456' }]);
		expect(recordsOf({ data: { id: 7 } })).toEqual([{ id: 7 }]);
		expect(recordOf({ data: { id: 7 } })).toEqual({ id: 7 });
		expect(recordOf({ id: 8 })).toEqual({ id: 8 });
		expect(recordsOf(null)).toEqual([]);
	});

	it('reads the scheduled-callback endpoints’ own refusal flag, ok: false, through the answer rules', () => {
		const rules = { refusalFlag: dialer.callbacks.refusalFlag };
		expect(rules.refusalFlag).toBe('ok');
		expect(readAnswer({ status: 200, body: { ok: false, message: ' The to date must be a date after from date. ' } }, rules)).toMatchObject(
			{
				kind: 'refused',
				message: 'The to date must be a date after from date.',
			},
		);
		expect(readAnswer({ status: 200, body: { ok: true, data: [] } }, rules).kind).toBe('ok');
		expect(user.getMany.refusalFlag).toBeUndefined();
		expect(readAnswer({ status: 200, body: { ok: false } }, { refusalFlag: user.getMany.refusalFlag }).kind).toBe('ok');
	});
});
