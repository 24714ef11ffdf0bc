import type { IncomingHttpHeaders } from 'node:http';

import type { AccountBook } from './accounts';
import type { CallbackBook } from './callbacks';
import type { CallLedger } from './calls';
import type { Campaigns } from './campaigns';
import type { Dialer } from './dialer';
import type { Directory } from './directory';
import type { FaultQueue } from './faults';
import type { Reply } from './replies';
import type { StatsRecorder } from './stats';
import type { TokenAuthority, TokenClaims } from './tokens';
import type { SandboxConfig } from './types';
import type { Input } from './validation';
import type { WebhookSender } from './webhooks/sender';

/** Everything one running sandbox knows. */
export interface SandboxState {
	config: SandboxConfig;
	accounts: AccountBook;
	tokens: TokenAuthority;
	stats: StatsRecorder;
	faults: FaultQueue;
	directory: Directory;
	calls: CallLedger;
	webhooks: WebhookSender;
	campaigns: Campaigns;
	callbacks: CallbackBook;
	dialer: Dialer;
}

export interface RequestContext {
	state: SandboxState;
	params: Record<string, string>;
	query: URLSearchParams;
	/** The parsed JSON or form body; `{}` when absent or malformed (as Laravel sees it). */
	body: Input;
	headers: IncomingHttpHeaders;
}

export interface AuthenticatedContext extends RequestContext {
	token: TokenClaims;
}

interface RouteBase {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
}

/** A Smartflo endpoint: `bearer` routes get a verified token, `none` routes authenticate themselves. */
export type ApiRoute =
	| (RouteBase & { auth: 'bearer'; handle(context: AuthenticatedContext): Reply })
	| (RouteBase & { auth: 'none'; handle(context: RequestContext): Reply });
