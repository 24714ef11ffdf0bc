import { DEMO_ACCOUNT } from '../../sandbox/index';
import { LOGIN_MUTATION } from '../helpers/graphql';
import { startLoopbackStack, type LoopbackStack } from '../helpers/loopback-stack';
import { JSON_HEADERS, jsonBody, sendRaw } from '../helpers/raw-http';
import { auditReply, GRAPHQL_STATUSES } from '../helpers/reply-audit';

const LOGIN_ARGS = `email: "${DEMO_ACCOUNT.email}", password: "${DEMO_ACCOUNT.password}"`;

function aliasedLogins(count: number): string {
	return `mutation($e: String!, $p: String!) { ${Array.from({ length: count }, (_, index) => `a${index}: login(email: $e, password: $p) { ok }`).join(' ')} }`;
}

/** Hostile GraphQL documents: each must be refused before any resolver runs. */
const REFUSED_DOCUMENTS: Array<[name: string, body: string]> = [
	['6 aliased logins (limit 5)', jsonBody(aliasedLogins(6), { e: DEMO_ACCOUNT.email, p: DEMO_ACCOUNT.password })],
	['1,000 aliased logins', jsonBody(aliasedLogins(1000), { e: DEMO_ACCOUNT.email, p: DEMO_ACCOUNT.password })],
	[
		'2,000 aliases of __typename beside a login',
		jsonBody(`mutation { login(${LOGIN_ARGS}) { ok } ${Array.from({ length: 2000 }, (_, index) => `t${index}: __typename`).join(' ')} }`),
	],
	[
		'a list literal nested 10,000 deep',
		jsonBody(`mutation { login(email: ${'['.repeat(10_000)}${']'.repeat(10_000)}, password: "x") { ok } }`),
	],
	['selections nested 5,000 deep', jsonBody(`mutation { login(${LOGIN_ARGS}) ${'{ token '.repeat(5000)}${'}'.repeat(5000)} }`)],
	['a fragment that spreads itself', jsonBody(`mutation { login(${LOGIN_ARGS}) { ...A } } fragment A on AuthPayload { ok ...A }`)],
	[
		'two fragments spreading each other',
		jsonBody(`mutation { login(${LOGIN_ARGS}) { ...A } } fragment A on AuthPayload { ok ...B } fragment B on AuthPayload { ok ...A }`),
	],
	[
		'fragments multiplying fields (billion laughs)',
		jsonBody(
			`mutation { login(${LOGIN_ARGS}) { ...F6 } } ${[1, 2, 3, 4, 5, 6].map((level) => `fragment F${level} on AuthPayload { ${level === 1 ? 'ok' : `...F${level - 1} ...F${level - 1} ...F${level - 1}`} }`).join(' ')}`,
		),
	],
	['11 directives on one field', jsonBody(`mutation { login(${LOGIN_ARGS}) @include(if: true) ${'@skip(if: false) '.repeat(10)} { ok } }`)],
	['a batch of two logins', JSON.stringify([0, 1].map(() => ({ query: LOGIN_MUTATION, variables: DEMO_ACCOUNT })))],
	['a batch of 500 logins', JSON.stringify(Array.from({ length: 500 }, () => ({ query: `mutation { login(${LOGIN_ARGS}) { ok } }` })))],
	[
		'two operations and no operationName',
		jsonBody(`mutation A { login(${LOGIN_ARGS}) { ok } } mutation B { login(${LOGIN_ARGS}) { ok } }`),
	],
	['a subscription', jsonBody(`subscription { login(${LOGIN_ARGS}) { ok } }`)],
	['a login without its selection set', jsonBody(`mutation { login(${LOGIN_ARGS}) }`)],
];

describe('hostile GraphQL documents over real HTTP', () => {
	let stack: LoopbackStack;

	beforeAll(async () => {
		stack = await startLoopbackStack();
	});
	afterAll(() => stack.close());
	beforeEach(() => stack.sandbox.resetStats());

	it.each(REFUSED_DOCUMENTS)('%s: refused with a GraphQL error, no upstream call, server still healthy', async (_name, body) => {
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body });
		expect(
			auditReply({ status: reply.status, text: reply.text }, { statuses: GRAPHQL_STATUSES, secrets: [DEMO_ACCOUNT.password] }),
		).toEqual([]);
		const parsed = JSON.parse(reply.text);
		expect(parsed.errors.length).toBeGreaterThan(0);
		expect(parsed.data?.login ?? null).toBeNull();
		// The answer stays small whatever the document's size: no amplification.
		expect(reply.text.length).toBeLessThan(Math.max(4096, body.length / 4));
		expect(stack.upstreamRequests()).toBe(0);
		expect(await stack.health()).toBe(200);
	});

	it('still serves an ordinary login afterwards', async () => {
		const reply = await sendRaw(stack.url, { headers: JSON_HEADERS, body: jsonBody(LOGIN_MUTATION, DEMO_ACCOUNT) });
		expect(JSON.parse(reply.text).data.login.ok).toBe(true);
		expect(stack.upstreamRequests()).toBe(1);
	});
});
