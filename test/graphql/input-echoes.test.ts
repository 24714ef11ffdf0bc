import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import { LOGIN_MUTATION, postGraphQL } from '../helpers/graphql';

/** What a caller typed, inline or in a variable, never comes back in an error message. */
describe('error messages never quote an argument value', () => {
	let server: GraphQLServer;
	beforeAll(() => {
		// Nothing listens there: every request below must be refused before any call.
		server = createGraphQLServer({ baseUrl: 'http://127.0.0.1:9', upstreamRetries: 0, logger: { level: 'silent' } });
	});
	afterAll(() => server.dispose());

	const loginWith = (password: string) => `mutation { login(email: "a@b.c", password: ${password}) { ok } }`;

	it('an inline number for the password names the argument and its type, not the number', async () => {
		const reply = await postGraphQL(server, loginWith('31415926'));
		expect(reply.text).not.toContain('31415926');
		expect(reply.body.errors).toEqual([
			{
				message: 'Argument "password" has an invalid value: expected type "String!".',
				locations: [{ line: 1, column: 44 }],
				extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
			},
		]);
	});

	it.each([
		['a float', '2.7182818e0', '2.7182818'],
		['a list', '["List-canary-8830"]', 'List-canary-8830'],
		['a nested list', '[["Deep-canary-1"], 5]', 'Deep-canary-1'],
		['an object', '{ value: "Obj-canary-5521" }', 'Obj-canary-5521'],
		['an object with a secret key', '{ Key_canary_77: 1 }', 'Key_canary_77'],
		['an enum-like bare word', 'Bare_canary_4412', 'Bare_canary_4412'],
		['a boolean', 'true', 'true'],
		['null', 'null', 'found null'],
	])('inline %s for the password: refused without being quoted', async (_name, literal, secret) => {
		const reply = await postGraphQL(server, loginWith(literal));
		expect(reply.text).not.toContain(secret);
		expect(reply.body.errors.map((error: { message: string }) => error.message)).toEqual(
			expect.arrayContaining(['Argument "password" has an invalid value: expected type "String!".']),
		);
		expect(reply.body.data).toBeUndefined();
	});

	it("an inline number for tokenInfo's token names that argument", async () => {
		const reply = await postGraphQL(server, '{ tokenInfo(token: 27182818) { valid } }');
		expect(reply.text).not.toContain('27182818');
		expect(reply.body.errors[0].message).toBe('Argument "token" has an invalid value: expected type "String!".');
	});

	it("a variable's default value names the variable, not the value", async () => {
		const reply = await postGraphQL(server, 'mutation($p: String! = 31415926) { login(email: "a@b.c", password: $p) { ok } }');
		expect(reply.text).not.toContain('31415926');
		expect(reply.body.errors[0].message).toBe('The default value of variable "$p" has an invalid value: expected type "String!".');
	});

	it.each([
		['a number', 90417723, '90417723'],
		['a list', ['List-canary-8830'], 'List-canary-8830'],
		['an object', { value: 'Obj-canary-5521' }, 'Obj-canary-5521'],
	])('a password variable sent as %s names the variable, not the value', async (_name, password, secret) => {
		const reply = await postGraphQL(server, LOGIN_MUTATION, { email: 'a@b.c', password });
		expect(reply.status).toBe(400);
		expect(reply.text).not.toContain(secret);
		expect(reply.body.errors).toEqual([
			expect.objectContaining({ message: 'Variable "$password" got an invalid value.', extensions: { code: 'BAD_USER_INPUT' } }),
		]);
	});

	it.each([
		[
			'a quoted string where a name belongs',
			'mutation { login(email: "a@b.c", "Syn-canary-4") { ok } }',
			'Syn-canary-4',
			'Syntax Error: Expected Name, found String.',
		],
		[
			'a bare word where a colon belongs',
			'mutation { login(email: "a@b.c", password Bare-canary-9) { ok } }',
			'canary',
			'Syntax Error: Expected ":", found Name.',
		],
		['a number where a name belongs', 'mutation { login(31415926) { ok } }', '31415926', 'Syntax Error: Expected Name, found Int.'],
		[
			'a bad escape in a string',
			'mutation { login(email: "a@b.c", password: "pa\\qss") { ok } }',
			'\\\\q',
			'Syntax Error: Invalid character escape sequence.',
		],
		[
			'a block string where a name belongs',
			'mutation { login(email: "a@b.c", """Block-canary-3""") { ok } }',
			'Block-canary-3',
			'Syntax Error: Expected Name, found BlockString.',
		],
	])('a syntax error at %s names the token kind, not its text', async (_name, query, secret, message) => {
		const first = await postGraphQL(server, query);
		// The second answer comes from yoga's parse cache, which must hold the reworded error.
		const second = await postGraphQL(server, query);
		for (const reply of [first, second]) {
			expect(reply.text).not.toContain(secret);
			expect(reply.body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
		}
	});

	it("keeps graphql-js's wording where it quotes no value", async () => {
		const unknownField = await postGraphQL(server, '{ nope }');
		expect(unknownField.body.errors[0].message).toBe('Cannot query field "nope" on type "Query".');
		const missing = await postGraphQL(server, LOGIN_MUTATION, { email: 'a@b.c' });
		expect(missing.body.errors[0].message).toBe('Variable "$password" of required type "String!" was not provided.');
	});
});
