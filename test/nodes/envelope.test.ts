import { readEnvelope } from '../../nodes/Smartflo/transport/envelope';

const response = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers });

describe('readEnvelope: Smartflo’s answers, by Smartflo’s rules', () => {
	it('passes a JSON answer through', () => {
		expect(readEnvelope(response(200, { success: true, ref_id: 'r' }))).toEqual({ kind: 'ok', body: { success: true, ref_id: 'r' } });
		expect(readEnvelope(response(200, '[{"id":1}]'))).toEqual({ kind: 'ok', body: [{ id: 1 }] });
		expect(readEnvelope(response(200, ''))).toEqual({ kind: 'ok', body: {} });
	});

	it('treats HTTP 200 with success:false as a refusal', () => {
		expect(readEnvelope(response(200, { success: false, message: 'Agent not found' }))).toMatchObject({
			kind: 'failure',
			failure: { message: 'Smartflo refused the request: Agent not found', httpCode: '200' },
		});
	});

	it.each([
		[401, { message: 'Token has expired' }],
		[403, { message: 'Forbidden' }],
		[200, { success: false, message: 'Deleted or blacklisted token provided' }],
		[400, { message: 'Missing required request parameters: [Authorization]' }],
		[422, { success: false, message: 'Token has expired' }],
	])('recognises a refused token: HTTP %i %j', (status, body) => {
		expect(readEnvelope(response(status, body))).toMatchObject({ kind: 'tokenRefused', status });
	});

	it('does not mistake a successful answer mentioning expiry for a refused token', () => {
		expect(readEnvelope(response(200, { success: true, message: 'Trial expired soon' })).kind).toBe('ok');
	});

	it('explains 429 with Retry-After', () => {
		expect(readEnvelope(response(429, { message: 'Too Many Requests' }, { 'Retry-After': '7' }))).toMatchObject({
			failure: {
				message: 'Smartflo is rate limiting requests (HTTP 429)',
				description: expect.stringContaining('Smartflo asked to wait 7 s'),
			},
		});
	});

	it.each([
		[502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'content-type': 'text/html' }],
		[200, '<!DOCTYPE html><html></html>', {}],
	])('reports an HTML error page (HTTP %i) without copying it', (status, body, headers) => {
		const envelope = readEnvelope(response(status, body, headers));
		expect(envelope).toMatchObject({
			kind: 'failure',
			failure: { message: `Smartflo answered with an HTML error page (HTTP ${status}) instead of JSON` },
		});
		expect(JSON.stringify(envelope)).not.toContain('<html');
	});

	it('reports a cut-off JSON body', () => {
		expect(readEnvelope(response(200, '{"results":[{"id":'))).toMatchObject({
			failure: { message: 'Smartflo answered with a body that is not valid JSON (HTTP 200)' },
		});
	});

	it('reports server errors and validation errors with their details', () => {
		expect(readEnvelope(response(503, { message: 'Service Unavailable' }))).toMatchObject({
			failure: { message: 'Smartflo had a server error (HTTP 503)', description: expect.stringMatching(/^Service Unavailable\. /) },
		});
		expect(
			readEnvelope(
				response(422, {
					success: false,
					message: { destination_number: ['The destination number field is required.'] },
					errors: { destination_number: ['The destination number field is required.'] },
				}),
			),
		).toMatchObject({
			failure: {
				message: 'Smartflo rejected the parameters: The destination number field is required.',
				description: 'destination_number: The destination number field is required.',
				httpCode: '422',
			},
		});
	});
});
