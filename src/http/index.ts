// The transport seam. Its implementations on Node's fetch and on undici are the GraphQL package's
// (graphql/runtime/); the n8n package sends through n8n's request helper (src/n8n).
export { TransportError, isTransportError, systemErrorCode } from './transport';
export type { HttpMethod, HttpRequest, HttpResponse, HttpTransport, TransportFailure } from './transport';
