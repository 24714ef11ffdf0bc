import { createRequire } from 'node:module';

import { renderGraphiQL as renderFromCdn, type GraphiQLOptions } from 'graphql-yoga';

const LOGIN_QUERY = `# Variables below: {"email": "…", "password": "…"}; then run (Ctrl+Enter).
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    ok
    token { accessToken tokenType expiresIn expiresAt passwordExpiresInDays }
    error { code message retryAfterSeconds }
  }
}
`;

const REFRESH_QUERY = `# Variables below: {"token": "<accessToken from the Login tab>"}.
mutation Refresh($token: String!) {
  refresh(token: $token) {
    ok
    token { accessToken expiresIn expiresAt }
    error { code message retryAfterSeconds }
  }
}
`;

const TOKEN_INFO_QUERY = `# Reads a token without calling Smartflo. Variables below: {"token": "…"}.
query TokenInfo($token: String!) {
  tokenInfo(token: $token) { valid expired issuedAt expiresAt secondsRemaining }
}
`;

export interface GraphiQLExample {
	email: string;
	password: string;
}

/**
 * GraphiQL's tabs: login, refresh and tokenInfo. With an example account (the sandbox's demo account)
 * the login tab carries it inline, so pressing run just works: GraphiQL ignores variables given for
 * its default tabs.
 */
export function graphiqlOptions(example?: GraphiQLExample): GraphiQLOptions {
	return {
		title: 'Smartflo GraphQL',
		defaultTabs: [{ query: example ? exampleLoginQuery(example) : LOGIN_QUERY }, { query: REFRESH_QUERY }, { query: TOKEN_INFO_QUERY }],
		defaultEditorToolsVisibility: 'variables',
		shouldPersistHeaders: false,
	};
}

function exampleLoginQuery({ email, password }: GraphiQLExample): string {
	return `# The sandbox's demo account: press run (Ctrl+Enter).
# With a real account, pass email and password as variables.
mutation Login {
  login(email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)}) {
    ok
    token { accessToken tokenType expiresIn expiresAt passwordExpiresInDays }
    error { code message retryAfterSeconds }
  }
}
`;
}

type Renderer = (options: GraphiQLOptions) => string;

let offlineRenderer: Renderer | null | undefined;

/**
 * yoga's own GraphiQL page loads its scripts from unpkg.com, which a closed network (or a strict
 * CSP) cannot reach. `@graphql-yoga/render-graphiql` inlines them; it is used whenever it is
 * installed.
 */
export function renderGraphiQLPage(options: GraphiQLOptions): string {
	if (offlineRenderer === undefined) offlineRenderer = loadOfflineRenderer();
	return (offlineRenderer ?? renderFromCdn)(options);
}

export function graphiqlAssetsInlined(): boolean {
	if (offlineRenderer === undefined) offlineRenderer = loadOfflineRenderer();
	return offlineRenderer !== null;
}

function loadOfflineRenderer(): Renderer | null {
	try {
		const loadModule = createRequire(__filename);
		const module = loadModule('@graphql-yoga/render-graphiql') as { renderGraphiQL?: Renderer };
		return typeof module.renderGraphiQL === 'function' ? module.renderGraphiQL : null;
	} catch {
		return null;
	}
}
