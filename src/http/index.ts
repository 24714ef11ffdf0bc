// Only the transports that need no dependency: the undici transport is imported from its own module
// by the GraphQL server and the package entry, so the n8n faces never load undici.
export { TransportError, isTransportError, systemErrorCode } from './transport';
export type { HttpMethod, HttpRequest, HttpResponse, HttpTransport, TransportFailure } from './transport';
export { createFetchTransport } from './fetch-transport';
export type { FetchTransportOptions } from './fetch-transport';
export { createRequestHelperTransport } from './request-helper-transport';
export type { RequestHelper, RequestHelperOptions } from './request-helper-transport';
