export { takeDeviceToken } from './device-token';
export { LiveStore } from './live-store';
export { localSettings } from './local-settings';
export { ApiError, callApi } from './staff-api';
