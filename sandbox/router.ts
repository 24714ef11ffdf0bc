export interface RouteShape {
	method: string;
	/** e.g. '/v1/user/{id}' */
	path: string;
}

export type RouteMatch<R extends RouteShape> =
	{ kind: 'found'; route: R; params: Record<string, string> } | { kind: 'methodNotAllowed'; allowed: string[] } | { kind: 'notFound' };

interface CompiledRoute<R> {
	route: R;
	pattern: RegExp;
	names: string[];
}

/** Matches a method and path against a table of routes with `{name}` placeholders. */
export function createRouter<R extends RouteShape>(routes: readonly R[]): (method: string, pathname: string) => RouteMatch<R> {
	const compiled = routes.map((route) => compile(route));
	return (method, pathname) => {
		const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
		const allowed: string[] = [];
		for (const { route, pattern, names } of compiled) {
			const match = pattern.exec(path);
			if (!match) continue;
			if (route.method !== method) {
				allowed.push(route.method);
				continue;
			}
			const params = Object.fromEntries(names.map((name, index) => [name, safeDecode(match[index + 1])]));
			return { kind: 'found', route, params };
		}
		return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
	};
}

function compile<R extends RouteShape>(route: R): CompiledRoute<R> {
	const names: string[] = [];
	const source = route.path
		.split(/(\{\w+\})/)
		.map((part) => {
			const placeholder = /^\{(\w+)\}$/.exec(part);
			if (!placeholder) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
			names.push(placeholder[1]);
			return '([^/]+)';
		})
		.join('');
	return { route, pattern: new RegExp(`^${source}$`), names };
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
