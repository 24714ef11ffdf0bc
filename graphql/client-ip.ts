import { isIP, isIPv4, isIPv6 } from 'node:net';

/** The part of node's request the server needs; absent when the server is called as `yoga.fetch`. */
export interface NodeServerContext {
	req?: { socket?: { remoteAddress?: string } };
}

const UNKNOWN_CLIENT = 'unknown';

/**
 * The address rate limits are keyed on. With `trustedProxies` = N, the client is the address the
 * N-th proxy from us saw (X-Forwarded-For read from the right); with 0 the header is ignored, since
 * any client can write it. A forwarded entry with a port (`1.2.3.4:5678`, `[2001:db8::1]:443`) counts
 * as its address; one that is no address at all (`unknown`, garbage) counts as the socket's address
 * rather than a bucket shared by everyone whose proxy wrote garbage. IPv6 clients are grouped by /64:
 * one host usually owns a whole /64.
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
		if (forwarded.length > 0) address = forwardedAddress(forwarded[Math.max(0, index)]) ?? socketAddress;
	}
	return address ? rateLimitKeyForAddress(address) : UNKNOWN_CLIENT;
}

const BRACKETED_WITH_PORT = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/** The IP address in one X-Forwarded-For entry, without a port; undefined when it holds none. */
function forwardedAddress(hop: string): string | undefined {
	const candidate = BRACKETED_WITH_PORT.exec(hop)?.[1] ?? IPV4_WITH_PORT.exec(hop)?.[1] ?? hop;
	return isIP(candidate) === 0 ? undefined : candidate;
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
