export { isObject } from './envelope';
export { callEndpoint, endpointRequest, listEndpoint, sendEndpointRequest } from './endpoint';
export { apiFailureError, authFailureError, withItemIndex } from './errors';
export { downloadSignedFile } from './download';
export type { DownloadedFile } from './download';
export { plainRequestHelper, smartfloApiRequest, smartfloCredentials, smartfloUnauthenticatedRequest } from './request';
export type { SmartfloContext, SmartfloRequest } from './request';
