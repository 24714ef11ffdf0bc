// The Smartflo API client: every endpoint of the catalogue over the injected transport, with one of
// four token sources. n8n-free and Cloud-clean: the n8n package may ship it.
export { SmartfloApiClient, DEFAULT_API_RETRIES, DEFAULT_API_TIMEOUT_MS } from './client';
export type { CallOptions, ListOptions, PageOptions, SmartfloApiClientOptions } from './client';
export type { ApiAuth, AuthenticatedResponse, AuthenticatedSend, AuthenticatingTransport } from './auth';
export { MAX_LIST_PAGES } from './paging';
export type { ListResult, Page, PagePosition } from './paging';
