export { takeDeviceToken } from './device-token';
export { LiveStore } from './live-store';
export { localSettings } from './local-settings';
export { ApiError, apiErrorOf, asApiError } from './api-error';
export { callApi, must, ROLES, sitePath, sitesFor, staffApi, type QueueCatalogue, type Role, type Site, type User } from './staff-api';
export * from './staff';
export { connectSiteFeed, type SiteFeedConnection, type SiteFeedHandlers, type SiteFeedOptions } from './site-feed-client';
