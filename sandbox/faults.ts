import { isApiPath, isAuthPath } from './http-utils';
import type { FaultKind, FaultMatch, QueuedFaultInfo, SandboxFault } from './types';

interface QueuedFault {
	kind: FaultKind;
	match: FaultMatch;
	remaining: number;
}

const SERVER_ERROR_STATUSES = [500, 502, 503, 504];

/** The rules queued by injectFault; a request takes one use of the first rule that matches it. */
export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(fault: SandboxFault): void {
		this.queue.push(parseFault(fault));
	}

	take(pathname: string): FaultKind | undefined {
		const index = this.queue.findIndex((rule) => matches(rule.match, pathname));
		if (index === -1) return undefined;
		const rule = this.queue[index];
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.queue.splice(index, 1);
		return rule.kind;
	}

	clear(): void {
		this.queue = [];
	}

	describe(): QueuedFaultInfo[] {
		return this.queue.map(({ kind, match, remaining }) => ({
			type: kind.type,
			match,
			remaining: Number.isFinite(remaining) ? remaining : null,
		}));
	}
}

function matches(match: FaultMatch, pathname: string): boolean {
	if (match === 'all') return true;
	if (match === 'auth') return isAuthPath(pathname);
	if (match === 'api') return isApiPath(pathname);
	return pathname.startsWith(match);
}

/** Validates a fault (possibly straight from JSON) and normalises its match and use count. */
export function parseFault(input: unknown): QueuedFault {
	if (typeof input !== 'object' || input === null) throw new TypeError('A fault must be an object');
	const fault = input as Record<string, unknown>;
	return { kind: parseKind(fault), match: parseMatch(fault.match), remaining: parseTimes(fault.times) };
}

function parseKind(fault: Record<string, unknown>): FaultKind {
	switch (fault.type) {
		case 'latency':
			return { type: 'latency', ms: requireNonNegative(fault.ms, 'latency ms') };
		case 'rateLimit': {
			const { retryAfter } = fault;
			if (retryAfter === undefined || retryAfter === null) return { type: 'rateLimit' };
			// It becomes a header value, which allows printable ASCII only.
			if ((typeof retryAfter !== 'string' && typeof retryAfter !== 'number') || !/^[\x20-\x7e]+$/.test(String(retryAfter))) {
				throw new TypeError('rateLimit retryAfter must be a printable string, e.g. "2" or an HTTP date');
			}
			return { type: 'rateLimit', retryAfter: String(retryAfter) };
		}
		case 'serverError': {
			const status = fault.status ?? 500;
			if (!SERVER_ERROR_STATUSES.includes(status as number)) {
				throw new TypeError('serverError status must be 500, 502, 503 or 504');
			}
			return { type: 'serverError', status: status as 500 | 502 | 503 | 504 };
		}
		case 'html':
			return { type: 'html', status: optionalStatus(fault.status, 502) };
		case 'truncatedJson':
			return { type: 'truncatedJson', status: optionalStatus(fault.status, 200) };
		case 'drop':
		case 'hang':
			return { type: fault.type };
		case 'unauthorized': {
			if (fault.message !== undefined && typeof fault.message !== 'string') {
				throw new TypeError('unauthorized message must be a string');
			}
			if (fault.status !== undefined && fault.status !== 401 && fault.status !== 403) {
				throw new TypeError('unauthorized status must be 401 or 403');
			}
			const kind: FaultKind = { type: 'unauthorized' };
			if (fault.status !== undefined) kind.status = fault.status;
			if (fault.message !== undefined) kind.message = fault.message;
			return kind;
		}
		default:
			throw new TypeError(`Unknown fault type: ${String(fault.type)}`);
	}
}

function parseMatch(match: unknown): FaultMatch {
	if (match === undefined || match === null) return 'all';
	if (match === 'auth' || match === 'api' || match === 'all') return match;
	if (typeof match === 'string' && match.startsWith('/')) return match;
	throw new TypeError("A fault match must be 'auth', 'api', 'all' or a path prefix starting with '/'");
}

function parseTimes(times: unknown): number {
	if (times === undefined) return 1;
	if (times === null || times === -1 || times === Infinity) return Infinity;
	if (typeof times === 'number' && Number.isInteger(times) && times > 0) return times;
	throw new TypeError('A fault times must be a positive integer, or Infinity / null / -1 for until cleared');
}

function optionalStatus(status: unknown, fallback: number): number {
	if (status === undefined || status === null) return fallback;
	if (typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599) return status;
	throw new TypeError('A fault status must be an HTTP status between 200 and 599');
}

function requireNonNegative(value: unknown, name: string): number {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
	throw new TypeError(`${name} must be a non-negative number`);
}
