import type { HttpTransport } from '../../src/http';
import { GatewayError } from '../runtime/gateway-error';

/**
 * How many HTTP requests one GraphQL request (or one MCP tool call) may send to Smartflo for data,
 * pages, resends after a renewed token and retries included: every request of `over(transport)` draws
 * one, and the one beyond `limit` is not sent. So aliases, many root fields and long lists cannot
 * multiply upstream calls past the bound, whatever the document. The account's logins and refreshes
 * are not drawn: one renewal serves every request at once.
 */
export class UpstreamBudget {
	#used = 0;

	constructor(
		readonly limit: number,
		/** Told of every request drawn (the request log counts them). */
		private readonly onDraw: (used: number) => void = () => {},
	) {}

	get used(): number {
		return this.#used;
	}

	/**
	 * `transport` drawing on this budget. Past the limit it throws GatewayError UPSTREAM_BUDGET_EXCEEDED
	 * and sends nothing; the core client hands a SmartfloError its transport throws to its caller unchanged.
	 */
	over(transport: HttpTransport): HttpTransport {
		return {
			request: (request) => {
				if (this.#used >= this.limit) return Promise.reject(this.#exceeded());
				this.#used++;
				this.onDraw(this.#used);
				return transport.request(request);
			},
		};
	}

	#exceeded(): GatewayError {
		return new GatewayError(
			'UPSTREAM_BUDGET_EXCEEDED',
			`This request needs more than the ${this.limit} calls to Smartflo one request may make. Ask for fewer records or fields, or split the request.`,
		);
	}
}
