export { callEndpoint, catalogueValue, endpointRequest, listEndpoint, listEndpointPage } from './endpoint';
export type { Page, PagePosition } from './pagination';
export { authFailureError, withItemIndex } from './errors';
export { downloadSignedFile } from './download';
export { smartfloCredentials } from './request';
