import { getIntrospectionQuery } from 'graphql';

import { createGraphQLServer, type GraphQLServer } from '../../graphql/server';
import type { GraphQLServerOptions } from '../../graphql/options';
import { startFakeServer, type FakeServer } from '../helpers/fake-server';
import { LOGIN_MUTATION, postGraphQL, readReply } from '../helpers/graphql';
import { jwtExpiringIn } from '../helpers/jwt';

const ENDPOINT = 'http://smartflo.test/graphql';

describe('HTTP hardening', () => {
	let upstream: FakeServer;
	const servers: GraphQLServer[] = [];

	beforeAll(async () => {
		upstream = await startFakeServer(() => ({
			status: 200,
			body: { success: true, access_token: jwtExpiringIn(3600), token_type: 'bearer', expires_in: 3600 },
		}));
	});
	afterAll(async () => {
		await Promise.all(servers.map((server) => server.dispose()));
		await upstream.close();
	});
	beforeEach(() => upstream.requests.splice(0));

	function server(options: GraphQLServerOptions = {}): GraphQLServer {
		const created = createGraphQLServer({ baseUrl: upstream.url, upstreamRetries: 0, logger: { level: 'silent' }, ...options });
		servers.push(created);
		return created;
	}

	describe('CSRF prevention', () => {
		it('refuses a text/plain POST (a form can send it without a preflight)', async () => {
			const response = await server().fetch(ENDPOINT, {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: JSON.stringify({ query: LOGIN_MUTATION, variables: { email: 'a@b.in', password: 'x' } }),
			});
			expect(response.status).toBe(403);
			expect(upstream.requests).toHaveLength(0);
		});

		it('refuses a GET without the CSRF header, and serves it with the header', async () => {
			const url = `${ENDPOINT}?query=${encodeURIComponent('{ tokenInfo(token: "x") { valid } }')}`;
			expect((await server().fetch(url, { headers: { accept: 'application/json' } })).status).toBe(403);
			const allowed = await readReply(await server().fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } }));
			expect(allowed.status).toBe(200);
			expect(allowed.body.data.tokenInfo.valid).toBe(false);
		});

		it('refuses a mutation over GET with 405 even with the CSRF header', async () => {
			const query = encodeURIComponent('mutation { login(email: "a@b.in", password: "x") { ok } }');
			const response = await server().fetch(`${ENDPOINT}?query=${query}`, {
				headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
			});
			expect(response.status).toBe(405);
			expect(upstream.requests).toHaveLength(0);
		});

		it('accepts application/graphql (n8n "GraphQL (raw)") and JSON without the header', async () => {
			const raw = await server().fetch(ENDPOINT, {
				method: 'POST',
				headers: { 'content-type': 'application/graphql' },
				body: '{ tokenInfo(token: "x") { valid } }',
			});
			expect(raw.status).toBe(200);
			expect((await postGraphQL(server(), '{ __typename }')).status).toBe(200);
		});
	});

	describe('CORS', () => {
		const preflight = (target: GraphQLServer, origin: string) =>
			target.fetch(ENDPOINT, {
				method: 'OPTIONS',
				headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
			});

		it('sends no CORS headers at all by default', async () => {
			const target = server();
			const answer = await preflight(target, 'https://evil.example');
			expect(answer.headers.get('access-control-allow-origin')).toBeNull();
			expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
			const reply = await postGraphQL(target, '{ __typename }', undefined, { origin: 'https://evil.example' });
			expect(reply.headers.get('access-control-allow-origin')).toBeNull();
		});

		const CORS_HEADERS = [
			'access-control-allow-origin',
			'access-control-allow-credentials',
			'access-control-allow-methods',
			'access-control-allow-headers',
			'access-control-max-age',
		];
		const corsHeaders = (headers: Headers) => CORS_HEADERS.filter((name) => headers.has(name));
		const post = (target: GraphQLServer, origin: string) => postGraphQL(target, '{ __typename }', undefined, { origin });

		describe.each([
			['one origin', ['https://app.example.com']],
			['several origins', ['https://app.example.com', 'https://tools.example.com', 'http://localhost:3000']],
		])('with %s configured', (_name, origins) => {
			it.each(origins)('names %s to itself, without credentials, on preflight and POST', async (origin) => {
				const target = server({ corsOrigins: origins });
				const allowed = await preflight(target, origin);
				expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
				expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
				expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
				expect(allowed.headers.get('vary')).toMatch(/\bOrigin\b/);
				const reply = await post(target, origin);
				expect(reply.status).toBe(200);
				expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
				expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
			});

			it.each([
				['null (a sandboxed iframe or a data: page)', 'null'],
				['a foreign origin', 'https://evil.example'],
				['a listed host on another scheme', 'http://app.example.com'],
				['a listed origin with a trailing slash', 'https://app.example.com/'],
			])('sends no CORS headers at all to %s, on preflight and POST', async (_case, origin) => {
				const target = server({ corsOrigins: origins });
				const refused = await preflight(target, origin);
				expect(corsHeaders(refused.headers)).toEqual([]);
				const reply = await post(target, origin);
				expect(reply.status).toBe(200);
				expect(corsHeaders(reply.headers)).toEqual([]);
				expect(reply.headers.get('vary')).toMatch(/\bOrigin\b/);
			});
		});
	});

	describe('request size and shape', () => {
		it('answers 413 to a body over 64 KB without calling Smartflo', async () => {
			const response = await server().fetch(ENDPOINT, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ query: LOGIN_MUTATION, variables: { email: 'a@b.in', password: 'x'.repeat(70 * 1024) } }),
			});
			expect(response.status).toBe(413);
			expect(upstream.requests).toHaveLength(0);
		});

		it('accepts a body just under the limit', async () => {
			const reply = await postGraphQL(server(), LOGIN_MUTATION, { email: 'a@b.in', password: 'x'.repeat(60 * 1024) });
			expect(reply.status).toBe(200);
			expect(reply.body.data.login.error.code).toBe('INVALID_INPUT');
		});

		it('reads the media type case-insensitively in process too (yoga.fetch)', async () => {
			const response = await server().fetch(ENDPOINT, {
				method: 'POST',
				headers: { 'content-type': 'APPLICATION/JSON; charset=UTF-8' },
				body: JSON.stringify({ query: '{ tokenInfo(token: "x") { valid } }' }),
			});
			expect(response.status).toBe(200);
			expect((await response.json()).data.tokenInfo.valid).toBe(false);
		});

		it('refuses batched requests (an array of operations)', async () => {
			const response = await server().fetch(ENDPOINT, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify([0, 1].map(() => ({ query: LOGIN_MUTATION, variables: { email: 'a@b.in', password: 'x' } }))),
			});
			expect(response.status).toBe(400);
			expect(upstream.requests).toHaveLength(0);
		});
	});

	describe('introspection switch', () => {
		const introspect = (target: GraphQLServer, headers: Record<string, string> = {}) =>
			postGraphQL(target, getIntrospectionQuery(), undefined, headers);

		it('is on by default in development', async () => {
			expect((await introspect(server())).body.data.__schema.types.length).toBeGreaterThan(5);
		});

		it('is off by default in production', async () => {
			const reply = await introspect(server({ production: true }));
			expect(reply.body.data).toBeUndefined();
			expect(reply.body.errors[0].message).toMatch(/introspection has been disabled/i);
		});

		it('is off when configured off, also in development', async () => {
			expect((await introspect(server({ introspection: 'off' }))).body.errors[0].message).toMatch(/introspection/i);
		});

		it('with a key, answers only requests that carry it', async () => {
			const target = server({ production: true, introspection: 'key', introspectionKey: 'k3y-for-retool-autocomplete' });
			expect((await introspect(target)).body.errors[0].message).toMatch(/introspection/i);
			expect((await introspect(target, { 'x-introspection-key': 'wrong-key' })).body.errors[0].message).toMatch(/introspection/i);
			expect((await introspect(target, { 'x-introspection-key': 'k3y-for-retool-autocomplete' })).body.data.__schema).toBeDefined();
			const typeQuery = await postGraphQL(target, '{ __type(name: "AuthPayload") { name } }', undefined, {
				'x-introspection-key': 'k3y-for-retool-autocomplete',
			});
			expect(typeQuery.body.data.__type.name).toBe('AuthPayload');
		});

		it('refuses key mode without a key', () => {
			expect(() => createGraphQLServer({ baseUrl: upstream.url, introspection: 'key' })).toThrow(/key/);
		});

		it('does not suggest field names, which would leak the schema with introspection off', async () => {
			const reply = await postGraphQL(server({ production: true }), '{ tokenInf(token: "x") { valid } }');
			expect(reply.text).not.toMatch(/Did you mean/);
			expect(reply.text).not.toContain('tokenInfo');
		});
	});

	describe('GraphiQL and landing page', () => {
		const openInBrowser = (target: GraphQLServer, path = '/graphql') =>
			target.fetch(`http://smartflo.test${path}`, { headers: { accept: 'text/html' } });

		it('serves GraphiQL in development, prefilled with the login mutation', async () => {
			const response = await openInBrowser(server({ graphiqlExample: { email: 'demo@smartflo.test', password: 'Demo@Pass123' } }));
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/text\/html/);
			const html = await response.text();
			expect(html).toContain('Smartflo GraphQL');
			expect(html).toContain('mutation Login');
			expect(html).toContain('demo@smartflo.test');
		});

		it('serves neither GraphiQL nor the landing page in production', async () => {
			const target = server({ production: true });
			const graphiql = await openInBrowser(target);
			expect(graphiql.status).not.toBe(200);
			expect(await graphiql.text()).not.toMatch(/graphiql/i);
			expect((await openInBrowser(target, '/')).status).toBe(404);
		});

		it('serves GraphiQL in production when asked to', async () => {
			expect((await openInBrowser(server({ production: true, graphiql: true }))).status).toBe(200);
		});
	});
});
