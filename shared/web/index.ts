export { takeDeviceToken } from './device-token';
export { LiveStore } from './live-store';
