import { isIPv4, isIPv6 } from 'node:net';

/** The part of node's request the server needs; absent when the server is called as `yoga.fetch`. */
export interface NodeServerContext {
	req?: { socket?: { remoteAddress?: string } };
}

export const UNKNOWN_CLIENT = 'unknown';

/**
 * The address rate limits are keyed on. With `trustedProxies` = N, the client is the address the
 * N-th proxy from us saw (X-Forwarded-For read from the right); with 0 the header is ignored, since
 * any client can write it. IPv6 clients are grouped by /64: one host usually owns a whole /64.
 */
export function clientAddress(request: Request, serverContext: NodeServerContext, trustedProxies: number): string {
	const socketAddress = serverContext.req?.socket?.remoteAddress;
	let address = socketAddress;
	if (trustedProxies > 0 && socketAddress) {
		const forwarded = (request.headers.get('x-forwarded-for') ?? '')
			.split(',')
			.map((hop) => hop.trim())
			.filter(Boolean);
		const index = forwarded.length - trustedProxies;
		if (forwarded.length > 0) address = forwarded[Math.max(0, index)];
	}
	return address ? rateLimitKeyForAddress(address) : UNKNOWN_CLIENT;
}

export function rateLimitKeyForAddress(raw: string): string {
	const address = raw.trim().replace(/^\[|\]$/g, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1];
	if (isIPv4(address)) return address;
	if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
	return UNKNOWN_CLIENT;
}

function expandIPv6(address: string): string[] {
	const withoutZone = address.split('%')[0];
	const [head, tail] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, undefined];
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
	return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
