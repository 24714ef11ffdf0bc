import { randomUUID } from 'node:crypto';

import type { RequestRecord } from '../context';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Per-request bookkeeping, keyed by the Request object yoga hands to every hook. */
export class RequestRecords {
	readonly #records = new WeakMap<Request, RequestRecord>();

	/** Starts a record; a caller's own `x-request-id` is kept when it is a plain short token. */
	start(request: Request): RequestRecord {
		const offered = request.headers.get('x-request-id');
		const record: RequestRecord = {
			requestId: offered && REQUEST_ID.test(offered) ? offered : randomUUID(),
			startedAt: performance.now(),
			outcomes: [],
			errorCodes: [],
		};
		this.#records.set(request, record);
		return record;
	}

	get(request: Request): RequestRecord {
		return this.#records.get(request) ?? this.start(request);
	}
}
