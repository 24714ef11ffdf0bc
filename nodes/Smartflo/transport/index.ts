export { isObject, listItems, singleItem } from './envelope';
export { apiFailureError, authFailureError, withItemIndex } from './errors';
export { requestAllByCursor, requestAllPages, requestList } from './pagination';
export type { ListOptions } from './pagination';
export { plainRequestHelper, smartfloApiRequest, smartfloCredentials, smartfloUnauthenticatedRequest } from './request';
export type { SmartfloContext, SmartfloRequest } from './request';
