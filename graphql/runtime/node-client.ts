import { setTimeout as delay } from 'node:timers/promises';

import { SmartfloApiClient as CoreApiClient, type SmartfloApiClientOptions } from '../../src/api/client';
import { SmartfloAuthClient as CoreAuthClient, type SmartfloAuthClientOptions, type SmartfloRuntime } from '../../src/auth/client';
import { createFetchTransport } from './fetch-transport';

/** Node's timers: the pause before a retry, for code that runs outside n8n. */
export function sleep(ms: number): Promise<void> {
	return delay(ms);
}

/**
 * The auth client of the library API: the core client with Node's defaults, so that
 * `new SmartfloAuthClient({ baseUrl })` works as it is. `transport` defaults to Node's built-in fetch.
 */
export class SmartfloAuthClient extends CoreAuthClient {
	constructor(options: SmartfloAuthClientOptions & Partial<SmartfloRuntime> = {}) {
		super({ ...options, transport: options.transport ?? createFetchTransport(), sleep: options.sleep ?? sleep });
	}
}

/**
 * The API client of the library API: the core client with Node's defaults, so that
 * `new SmartfloApiClient({ auth })` works as it is. `transport` defaults to Node's built-in fetch.
 */
export class SmartfloApiClient extends CoreApiClient {
	constructor(options: SmartfloApiClientOptions & Partial<SmartfloRuntime>) {
		super({ ...options, transport: options.transport ?? createFetchTransport(), sleep: options.sleep ?? sleep });
	}
}
