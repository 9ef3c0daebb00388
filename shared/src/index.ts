export * from './errors.js';
export * from './events.js';
export * from './model.js';
export * from './schemas.js';
export * from './realtime.js';
export * from './site-state.js';
export * from './site-feed.js';
export * from './i18n/index.js';
