import { parse as parseQueryString } from 'node:querystring';

import fc from 'fast-check';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { SECRET_RULES } from '../../src/webhooks/secret';

import { MISSED_HANGUP } from './fixtures';
import { deliver, SECRET, trigger, webhookContext, withSecret } from './harness';

const HEADER = { authentication: 'header' };

describe('Smartflo Trigger: the shared secret', () => {
	it('in the query: the right one starts an execution', async () => {
		const { items, status } = await deliver({ json: MISSED_HANGUP, query: withSecret() });
		expect(status).toBe(200);
		expect(items).toHaveLength(1);
	});

	it('missing: 401, no execution, and the answer names no secret', async () => {
		const outcome = await deliver({ json: MISSED_HANGUP });
		expect(outcome).toMatchObject({ status: 401, items: [], result: { noWebhookResponse: true } });
		expect(outcome.result.workflowData).toBeUndefined();
		expect(outcome.body).toEqual({ message: 'The webhook secret is missing' });
	});

	it.each([
		['another secret of the same length', 'unit-test-secret-0124'],
		['a prefix of it', SECRET.slice(0, -1)],
		['it with more after it', `${SECRET}x`],
		['it in another case', SECRET.toUpperCase()],
	])('wrong (%s): 403, no execution, and the answer does not echo it', async (_label, wrong) => {
		const outcome = await deliver({ json: MISSED_HANGUP, query: new URLSearchParams({ secret: wrong }).toString() });
		expect(outcome).toMatchObject({ status: 403, items: [], result: { noWebhookResponse: true } });
		expect(JSON.stringify(outcome.body)).not.toContain(wrong);
	});

	it('repeated in the query (an array): 403', async () => {
		const outcome = await deliver({ json: MISSED_HANGUP, query: `secret=${SECRET}&secret=${SECRET}` });
		expect(outcome.status).toBe(403);
	});

	it('under another parameter name', async () => {
		const parameters = { parameterName: 'token' };
		expect((await deliver({ json: MISSED_HANGUP, query: `token=${SECRET}` }, { parameters })).items).toHaveLength(1);
		expect((await deliver({ json: MISSED_HANGUP, query: withSecret() }, { parameters })).status).toBe(401);
	});

	it('under a parameter or header named like an Object.prototype member, only a sent one counts', async () => {
		for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
			expect((await deliver({ json: MISSED_HANGUP }, { parameters: { parameterName: name } })).status).toBe(401);
			expect(
				(await deliver({ json: MISSED_HANGUP, query: `${name}=${SECRET}` }, { parameters: { parameterName: name } })).items,
			).toHaveLength(name === '__proto__' ? 0 : 1);
		}
		expect((await deliver({ json: MISSED_HANGUP }, { parameters: { ...HEADER, headerName: 'constructor' } })).status).toBe(401);
	});

	it('in a header: the right one, in any case of the header name', async () => {
		const outcome = await deliver({ json: MISSED_HANGUP, headers: { 'x-SMARTFLO-secret': SECRET } }, { parameters: HEADER });
		expect(outcome.items).toHaveLength(1);
	});

	it('in a header: missing is 401 (a secret in the query does not count), wrong is 403', async () => {
		expect((await deliver({ json: MISSED_HANGUP, query: withSecret() }, { parameters: HEADER })).status).toBe(401);
		expect(
			(await deliver({ json: MISSED_HANGUP, headers: { 'X-Smartflo-Secret': 'nope-nope-nope' } }, { parameters: HEADER })).status,
		).toBe(403);
	});

	it('in a header of another name', async () => {
		const parameters = { ...HEADER, headerName: 'X-Webhook-Token' };
		expect((await deliver({ json: MISSED_HANGUP, headers: { 'X-Webhook-Token': SECRET } }, { parameters })).items).toHaveLength(1);
		expect((await deliver({ json: MISSED_HANGUP, headers: { 'X-Smartflo-Secret': SECRET } }, { parameters })).status).toBe(401);
	});

	it.each([
		['no secret set', { secret: '' }],
		['a secret shorter than 8 characters', { secret: 'short' }],
		['an invalid header name', { ...HEADER, headerName: 'Bad Header' }],
		['"event" as the parameter name', { parameterName: 'event' }],
		['an unknown time zone', { options: { timeZone: 'Mars/Olympus' } }],
		['a negative duplicate window', { options: { duplicateWindowSeconds: -1 } }],
	])('%s: deliveries get 500 and start nothing, and activation refuses it', async (_label, parameters) => {
		const outcome = await deliver({ json: MISSED_HANGUP, query: withSecret() }, { parameters });
		expect(outcome).toMatchObject({ status: 500, items: [] });
		expect(JSON.stringify(outcome.body)).toMatch(/not set up/);
		const { context } = webhookContext({}, { parameters });
		await expect(trigger.webhookMethods.default.checkExists.call(context as unknown as IHookFunctions)).rejects.toThrow(
			/Secret|Header Name|Parameter Name|time zone|Duplicate Window/,
		);
	});

	it('activation accepts a usable setup; there is nothing to create or delete at Smartflo', async () => {
		const { context } = webhookContext({});
		const hooks = context as unknown as IHookFunctions;
		await expect(trigger.webhookMethods.default.checkExists.call(hooks)).resolves.toBe(true);
		await expect(trigger.webhookMethods.default.create.call(hooks)).resolves.toBe(true);
		await expect(trigger.webhookMethods.default.delete.call(hooks)).resolves.toBe(true);
	});
});

const activate = (parameters: IDataObject) =>
	trigger.webhookMethods.default.checkExists.call(webhookContext({}, { parameters }).context as unknown as IHookFunctions);

/** The query string of a URL pasted literally, as n8n reads it (node:querystring, as Express 5 does). */
const pastedQuery = (secret: string) => new URL(`https://n8n.example/webhook/4f1c/smartflo?secret=${secret}`).search.slice(1);

const URL_SAFE_SECRET = fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189-._~'), minLength: 8, maxLength: 64 });
const NOT_URL_SAFE = [...'+&%#= ?/é"<>\\^`{|}[]:@!$\'()*,;'];

describe('Smartflo Trigger: a secret in the query must be pasteable into a URL as it is', () => {
	it.each([
		['+', 'abcd+efgh'],
		['&', 'abcd&efgh'],
		['%', 'abcd%41efgh'],
		['#', 'abcd#efgh'],
		['a space', 'abcd efgh'],
		['a letter outside ASCII', 'abcdéfgh'],
	])('a secret with %s is refused at activation, naming the characters allowed', async (_label, secret) => {
		await expect(activate({ secret })).rejects.toThrow(/only use letters, digits and - \. _ ~.*or send it in a header/);
		const outcome = await deliver({ json: MISSED_HANGUP, query: new URLSearchParams({ secret }).toString() }, { parameters: { secret } });
		expect(outcome).toMatchObject({ status: 500, items: [] });
	});

	it('any secret of letters, digits and - . _ ~ works pasted literally into the URL, as the README says', async () => {
		await fc.assert(
			fc.asyncProperty(URL_SAFE_SECRET, async (secret) => {
				await expect(activate({ secret })).resolves.toBe(true);
				expect(parseQueryString(pastedQuery(secret)).secret).toBe(secret);
				expect(new URLSearchParams(pastedQuery(secret)).get('secret')).toBe(secret);
				const outcome = await deliver({ json: MISSED_HANGUP, query: pastedQuery(secret) }, { parameters: { secret }, mode: 'manual' });
				expect(outcome.items).toHaveLength(1);
			}),
			{ numRuns: 100 },
		);
	});

	it('any other character is refused in the query', async () => {
		await fc.assert(
			fc.asyncProperty(URL_SAFE_SECRET, fc.constantFrom(...NOT_URL_SAFE), fc.nat(), async (safe, character, at) => {
				const index = at % (safe.length + 1);
				await expect(activate({ secret: `${safe.slice(0, index)}${character}${safe.slice(index)}` })).rejects.toThrow(/only use letters/);
			}),
			{ numRuns: 100 },
		);
	});

	it('in a header, + & % # keep working, as they did before', async () => {
		const secret = 'a+b&c%d#e/f=g';
		const parameters = { ...HEADER, secret };
		await expect(activate(parameters)).resolves.toBe(true);
		const outcome = await deliver({ json: MISSED_HANGUP, headers: { 'X-Smartflo-Secret': secret } }, { parameters });
		expect(outcome.items).toHaveLength(1);
	});

	it.each([
		['a space at its start', ' abcdefgh'],
		['a space at its end', 'abcdefgh '],
		['a letter outside ASCII', 'abcdéfgh'],
		['a control character', 'abcd\tefgh'],
	])('in a header, a secret with %s (which a header cannot carry unchanged) is refused', async (_label, secret) => {
		await expect(activate({ ...HEADER, secret })).rejects.toThrow(/visible ASCII characters, without spaces at either end/);
	});

	it('the Secret field states both rules', () => {
		const field = trigger.description.properties.find((property) => property.name === 'secret');
		expect(field?.description).toContain(SECRET_RULES.queryParameter);
		expect(field?.description).toContain(SECRET_RULES.header);
	});
});

describe('Smartflo Trigger: verification pings', () => {
	it.each([
		['a GET with no query', { method: 'GET' as const }],
		['a GET with only the secret', { method: 'GET' as const, query: withSecret() }],
		['a GET with a wrong secret', { method: 'GET' as const, query: 'secret=wrong-wrong-wrong' }],
		['a GET with no secret to a URL that names its event', { method: 'GET' as const, query: 'event=call_hangup_missed' }],
		['a GET to a URL that names its event', { method: 'GET' as const, query: withSecret({ event: 'call_hangup_missed' }) }],
		['a POST with an empty body', { query: withSecret() }],
		['a POST with an empty JSON object', { json: {}, query: withSecret() }],
	])('%s is answered 200 and starts nothing', async (_label, request) => {
		const outcome = await deliver(request);
		expect(outcome).toMatchObject({ status: 200, body: { received: true, verification: true }, items: [] });
	});
});
