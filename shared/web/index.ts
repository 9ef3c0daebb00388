export { takeDeviceToken } from './device-token';
export { LiveStore } from './live-store';
export { LanguageContext, useText } from './language';
export { localSettings } from './local-settings';
export { renderPage } from './render-page';
export { ApiError, apiErrorOf, asApiError } from './api-error';
export { playChime, type ChimeShape } from './chime';
export { callApi, must, ROLES, sitePath, sitesFor, staffApi, type QueueCatalogue, type Role, type Site, type User } from './staff-api';
export * from './staff';
