// The transport seam and the dependency-free fetch transport. The undici transport is imported from its
// own module by the GraphQL server and the library entry.
export { TransportError, isTransportError, systemErrorCode } from './transport';
export type { HttpMethod, HttpRequest, HttpResponse, HttpTransport, TransportFailure } from './transport';
export { createFetchTransport } from './fetch-transport';
export type { FetchTransportOptions } from './fetch-transport';
