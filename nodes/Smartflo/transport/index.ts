export { callEndpoint, catalogueValue, endpointRequest, listEndpoint } from './endpoint';
export { apiFailureError, authFailureError, withItemIndex } from './errors';
export { downloadSignedFile } from './download';
export type { DownloadedFile } from './download';
export { smartfloApiRequest, smartfloCredentials, smartfloUnauthenticatedRequest } from './request';
export type { SmartfloContext, SmartfloRequest } from './request';
