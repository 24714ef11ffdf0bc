import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { ADMIN_PREFIX, handleAdminRequest } from './admin';
import { authenticate } from './authenticate';
import type { ApiRoute, RequestContext, SandboxState } from './context';
import { MAX_BODY_BYTES } from './defaults';
import { replacementReply, truncatedReply } from './fault-replies';
import { dispatch, parseBody, readBody, splitTarget, writeReply, type BodyResult, type RequestTarget } from './http-utils';
import type { Reply } from './replies';
import { createRouter, type RouteMatch } from './router';
import { API_ROUTES } from './routes';
import type { SandboxControls } from './types';

// Like the AWS load balancer in front of Smartflo, keep idle connections for a minute.
const KEEP_ALIVE_TIMEOUT_MS = 60_000;

const findRoute = createRouter(API_ROUTES);

export interface SandboxServer {
	server: Server;
	/** Stops listening, destroys every open connection (idle keep-alive, hung) and pending delays. */
	close(): Promise<void>;
}

export function createSandboxServer(state: SandboxState, controls: SandboxControls): SandboxServer {
	const shutdown = new AbortController();
	const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (request, response) => {
		const target = splitTarget(request.url);
		const handling =
			target.pathname === ADMIN_PREFIX || target.pathname.startsWith(`${ADMIN_PREFIX}/`)
				? handleAdminRequest(controls, request, response, target.pathname)
				: handleApiRequest(state, request, response, target, shutdown.signal);
		handling.catch(() => abandon(response));
	});
	// Malformed HTTP from a client must never take the process down.
	server.on('clientError', (_error, socket) => socket.destroy());

	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= new Promise<void>((resolve) => {
			shutdown.abort();
			server.close(() => resolve());
			server.closeAllConnections();
		});
		return closing;
	};
	return { server, close };
}

/**
 * One Smartflo request: count it, take a matching fault, read the body, wait out the latency, then
 * answer with the fault's response or the endpoint's (the latter possibly truncated by the fault).
 */
async function handleApiRequest(
	state: SandboxState,
	request: IncomingMessage,
	response: ServerResponse,
	{ pathname, query }: RequestTarget,
	shutdown: AbortSignal,
): Promise<void> {
	const match = findRoute(request.method ?? 'GET', pathname);
	state.stats.arrival(pathname, match.kind === 'found' ? `${match.route.method} ${match.route.path}` : 'unmatched');
	const fault = state.faults.take(pathname);
	if (fault) state.stats.outcome('faultsApplied');
	if (fault?.type === 'drop') {
		request.socket.destroy();
		return;
	}

	const body = await readBody(request, MAX_BODY_BYTES);
	const delayMs = state.config.latencyMs + (fault?.type === 'latency' ? fault.ms : 0);
	if (delayMs > 0) await sleep(delayMs, undefined, { signal: shutdown });
	// A hung request is never answered; close() destroys its socket.
	if (fault?.type === 'hang') return;

	let reply = (fault && replacementReply(fault)) ?? answer(state, match, request, query, body);
	if (fault?.type === 'truncatedJson') reply = truncatedReply(reply, fault.status ?? 200);
	if (writeReply(response, reply)) state.stats.response(reply.status);
}

function answer(
	state: SandboxState,
	match: RouteMatch<ApiRoute>,
	request: IncomingMessage,
	query: URLSearchParams,
	body: BodyResult,
): Reply {
	const target = dispatch(match, body);
	if (!target.ok) return target.reply;

	const context: RequestContext = {
		state,
		params: target.params,
		query,
		body: parseBody(target.bodyText, request.headers['content-type']),
		headers: request.headers,
	};
	const { route } = target;
	if (route.auth === 'none') return route.handle(context);
	const authentication = authenticate(state.tokens, request.headers.authorization);
	if (!authentication.ok) {
		state.stats.outcome('rejectedTokens');
		return authentication.reply;
	}
	return route.handle({ ...context, token: authentication.token });
}

/** After an unexpected error: a plain 500 if nothing was sent yet, else drop the connection. */
function abandon(response: ServerResponse): void {
	if (response.destroyed || !response.socket || response.socket.destroyed) return;
	if (response.headersSent) {
		response.destroy();
		return;
	}
	writeReply(response, { status: 500, body: { message: 'Internal server error' } });
}
