import type { Plugin, YogaServerOptions } from 'graphql-yoga';

import type { NodeServerContext } from './client-ip';
import type { GraphQLContext } from './context';

type CorsOption = NonNullable<YogaServerOptions<NodeServerContext, GraphQLContext>['cors']>;

export interface CorsPolicy {
	/** yoga's `cors` option. */
	cors: CorsOption;
	/** Adds `Vary: Origin` to every answer while an allowlist is set. */
	plugin?: Plugin;
}

/**
 * CORS for an allowlist of origins. Handed the list itself, yoga answers every origin: with several
 * origins it sends `Access-Control-Allow-Origin: null` to the others (which the `Origin: null` of a
 * sandboxed iframe then matches), with one it names that origin to everyone. Decided per request
 * instead: an origin on the list gets CORS headers naming it, any other origin gets none at all.
 */
export function corsPolicy(allowedOrigins: readonly string[]): CorsPolicy {
	const allowed = new Set(allowedOrigins.filter((origin) => origin && origin !== 'null'));
	if (allowed.size === 0) return { cors: false };
	return {
		cors: (request: Request) => {
			const origin = request.headers.get('origin');
			if (origin === null || !allowed.has(origin)) return false;
			return { origin, credentials: false, methods: ['GET', 'POST'], maxAge: 600 };
		},
		// The headers depend on Origin, so a shared cache must not hand one origin's answer to another.
		plugin: {
			onResponse({ response }) {
				const vary = response.headers.get('vary') ?? '';
				if (!vary.split(',').some((name) => name.trim().toLowerCase() === 'origin')) response.headers.append('vary', 'Origin');
			},
		},
	};
}
