import { getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

import type { Logger } from '../logging';
import type { RequestRecords } from './request-records';

/**
 * One JSON line per GraphQL request: request id, operation name, top-level fields, outcome, HTTP
 * status and latency, and for data operations the API key's name and the calls made to Smartflo. Built only from the parsed document and the outcomes resolvers recorded: the
 * variables (passwords, tokens) are never read here.
 */
export function useOperationLog(records: RequestRecords, logger: Logger, graphqlEndpoint: string): Plugin {
	return {
		onRequest({ request }) {
			records.start(request);
		},
		onExecute({ args }) {
			const request = (args.contextValue as { request?: Request }).request;
			if (!request) return;
			const record = records.get(request);
			const operation = getOperationAST(args.document, args.operationName);
			record.operationName = operation?.name?.value;
			record.fields = operation?.selectionSet.selections.map((selection) =>
				selection.kind === Kind.FIELD ? selection.name.value : selection.kind,
			);
		},
		onResultProcess({ request, result }) {
			const record = records.get(request);
			for (const single of Array.isArray(result) ? result : [result]) {
				if (!single || !('errors' in single) || !single.errors) continue;
				for (const error of single.errors) {
					const code = error.extensions?.['code'];
					record.errorCodes.push(typeof code === 'string' ? code : 'GRAPHQL_ERROR');
				}
			}
		},
		onResponse({ request, response }) {
			const record = records.get(request);
			response.headers.set('x-request-id', record.requestId);
			const path = new URL(request.url).pathname;
			const fields = {
				requestId: record.requestId,
				method: request.method,
				path,
				operation: record.operationName ?? null,
				fields: record.fields ?? [],
				outcome: summarise(record.outcomes, record.errorCodes, response.status),
				status: response.status,
				latencyMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
				// Only when the request had them: the key's name (never the key), and the calls made to Smartflo for data.
				...(record.apiKey === undefined ? {} : { apiKey: record.apiKey }),
				...(record.upstreamCalls === undefined ? {} : { upstreamCalls: record.upstreamCalls }),
			};
			const graphiqlPage = request.method === 'GET' && record.fields === undefined && record.errorCodes.length === 0;
			if (path === graphqlEndpoint && request.method !== 'OPTIONS' && !graphiqlPage) logger.info('graphql operation', fields);
			else logger.debug('http request', fields);
		},
	};
}

function summarise(outcomes: string[], errorCodes: string[], status: number): string {
	const failed = outcomes.find((outcome) => outcome !== 'ok');
	if (failed) return failed;
	if (errorCodes.length > 0) return errorCodes[0];
	if (outcomes.length > 0) return 'ok';
	return status >= 400 ? `HTTP_${status}` : 'ok';
}
