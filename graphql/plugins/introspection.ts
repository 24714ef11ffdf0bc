import { timingSafeEqual, createHash } from 'node:crypto';

import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';

import { INTROSPECTION_KEY_HEADER, type IntrospectionMode } from '../options';

/** 'on': no plugin; 'off': always refused; 'key': refused unless the request carries the key header. */
export function useIntrospectionSwitch(mode: IntrospectionMode, key?: string): Plugin | undefined {
	if (mode === 'on') return undefined;
	if (mode === 'off') return useDisableIntrospection() as Plugin;
	if (!key) throw new Error('Introspection mode "key" needs an introspection key.');
	const expected = digest(key);
	return useDisableIntrospection({
		isDisabled: (request) => {
			const offered = request.headers.get(INTROSPECTION_KEY_HEADER);
			return offered === null || !timingSafeEqual(digest(offered), expected);
		},
	}) as Plugin;
}

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing byte. */
function digest(value: string): Buffer {
	return createHash('sha256').update(value).digest();
}
