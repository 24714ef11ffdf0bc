import { STATUS_CODES } from 'node:http';

import { serialise } from './http-utils';
import type { Reply } from './replies';
import type { FaultKind } from './types';

// What AWS API Gateway says for each 5xx it produces.
const SERVER_ERROR_MESSAGES: Record<number, string> = {
	500: 'Internal server error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Endpoint request timed out',
};

/** The response a fault puts in place of the real one; undefined for faults that do not replace it. */
export function replacementReply(fault: FaultKind): Reply | undefined {
	switch (fault.type) {
		case 'rateLimit':
			return {
				status: 429,
				body: { message: 'Too Many Requests' },
				headers: fault.retryAfter === undefined ? undefined : { 'Retry-After': fault.retryAfter },
			};
		case 'serverError': {
			const status = fault.status ?? 500;
			return { status, body: { message: SERVER_ERROR_MESSAGES[status] } };
		}
		case 'html': {
			const status = fault.status ?? 502;
			return { status, body: htmlErrorPage(status), contentType: 'text/html; charset=utf-8' };
		}
		case 'unauthorized':
			return { status: fault.status ?? 401, body: { message: fault.message ?? 'Token has expired' } };
		default:
			return undefined;
	}
}

/** The real reply's JSON text cut in half, as a dropped connection mid-body leaves it. */
export function truncatedReply(reply: Reply, status: number): Reply {
	const text = serialise(reply);
	return { status, body: text.slice(0, Math.floor(text.length / 2)), contentType: 'application/json' };
}

/** A load balancer's error page (what nginx / an ELB put in front of an API when things go wrong). */
function htmlErrorPage(status: number): string {
	const title = status === 200 ? 'Service Temporarily Unavailable' : `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	return [
		'<html>',
		`<head><title>${title}</title></head>`,
		'<body>',
		`<center><h1>${title}</h1></center>`,
		'<hr><center>awselb/2.0</center>',
		'</body>',
		'</html>',
		'',
	].join('\r\n');
}
