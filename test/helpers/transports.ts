import { createFetchTransport } from '../../graphql/runtime/fetch-transport';
import type { HttpTransport } from '../../src/http/transport';
import { createUndiciTransport } from '../../graphql/runtime/undici-transport';

/** Both transports the core ships with, so each behaviour is checked over both. */
export const transports: Array<[name: string, create: () => HttpTransport & { close?: () => Promise<void> }]> = [
	['fetch transport', () => createFetchTransport()],
	['undici transport', () => createUndiciTransport()],
];
