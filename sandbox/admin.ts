import type { IncomingMessage, ServerResponse } from 'node:http';

import { MAX_BODY_BYTES } from './defaults';
import { dispatch, readBody, writeReply, type BodyResult } from './http-utils';
import type { Reply } from './replies';
import { createRouter, type RouteMatch } from './router';
import type { IssueTokenOptions, SandboxConfigPatch, SandboxControls, SandboxFault } from './types';
import { WEBHOOK_ADMIN_ROUTES } from './webhooks/admin-routes';

export const ADMIN_PREFIX = '/__sandbox';

export interface AdminRoute {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	handle(controls: SandboxControls, body: Record<string, unknown>, params: Record<string, string>): unknown;
}

const ADMIN_ROUTES: readonly AdminRoute[] = [
	{ method: 'GET', path: '/__sandbox/stats', handle: (controls) => controls.stats() },
	{ method: 'POST', path: '/__sandbox/stats/reset', handle: (controls) => done(controls.resetStats()) },
	{ method: 'GET', path: '/__sandbox/faults', handle: (controls) => ({ faults: controls.listFaults() }) },
	{
		method: 'POST',
		path: '/__sandbox/faults',
		handle: (controls, body) => {
			controls.injectFault(body as unknown as SandboxFault);
			return { ok: true, faults: controls.listFaults() };
		},
	},
	{ method: 'DELETE', path: '/__sandbox/faults', handle: (controls) => done(controls.clearFaults()) },
	{ method: 'GET', path: '/__sandbox/config', handle: (controls) => controls.getConfig() },
	{ method: 'POST', path: '/__sandbox/config', handle: (controls, body) => controls.configure(body as SandboxConfigPatch) },
	{
		method: 'POST',
		path: '/__sandbox/tokens',
		handle: (controls, body) => ({ token: controls.issueToken(body as IssueTokenOptions) }),
	},
	{
		method: 'POST',
		path: '/__sandbox/tokens/revoke',
		handle: (controls, body) => {
			if (body.all === true) return done(controls.revokeAllTokens());
			if (typeof body.token === 'string') return done(controls.revokeToken(body.token));
			throw new TypeError('Send {"token": "<jwt>"} or {"all": true}');
		},
	},
	{ method: 'POST', path: '/__sandbox/tokens/expire-all', handle: (controls) => done(controls.expireAllTokens()) },
	{ method: 'GET', path: '/__sandbox/accounts/{email}', handle: (controls, _body, params) => controls.accountState(params.email) },
	{
		method: 'POST',
		path: '/__sandbox/accounts/{email}/unlock',
		handle: (controls, _body, params) => done(controls.unlockAccount(params.email)),
	},
];

/** The answer of an admin action that has nothing to return. */
function done(_completed: void): { ok: true } {
	return { ok: true };
}

const findRoute = createRouter([...ADMIN_ROUTES, ...WEBHOOK_ADMIN_ROUTES]);

/**
 * The local control API: JSON in and out, no auth, no latency, no faults, not counted in stats.
 * A TypeError from a control (bad input) is a 400, a RangeError (unknown account) a 404.
 */
export async function handleAdminRequest(
	controls: SandboxControls,
	request: IncomingMessage,
	response: ServerResponse,
	pathname: string,
): Promise<void> {
	const match = findRoute(request.method ?? 'GET', pathname);
	const body = await readBody(request, MAX_BODY_BYTES);
	writeReply(response, await adminReply(controls, match, body));
}

async function adminReply(controls: SandboxControls, match: RouteMatch<AdminRoute>, body: BodyResult): Promise<Reply> {
	const target = dispatch(match, body);
	if (!target.ok) return target.reply;
	return await run(() => target.route.handle(controls, parseAdminBody(target.bodyText), target.params));
}

/** Runs a control (some, like playing a call, answer later) and words its bad-input errors. */
async function run(action: () => unknown): Promise<Reply> {
	try {
		return { status: 200, body: await action() };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof RangeError) return { status: 404, body: { message } };
		if (error instanceof TypeError) return { status: 400, body: { message } };
		throw error;
	}
}

function parseAdminBody(text: string): Record<string, unknown> {
	if (text.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new TypeError('The body must be JSON');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('The body must be a JSON object');
	return value as Record<string, unknown>;
}
