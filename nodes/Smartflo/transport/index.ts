export { callEndpoint, catalogueValue, endpointRequest, listEndpoint } from './endpoint';
export { authFailureError, withItemIndex } from './errors';
export { downloadSignedFile } from './download';
export { smartfloCredentials } from './request';
