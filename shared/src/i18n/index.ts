/**
 * Every page's text, through one mechanism (catalogue.ts): one catalogue per namespace — the
 * citizens' (kiosk, and window states for display and status), counter, manager, status,
 * display, plain (the status pages without scripts) — one `{placeholder}` filler, one fallback
 * order, one way to pick a language (languages.ts). Pages never hold their own text: they call
 * `t()` of their catalogue.
 */
export { defineCatalogue, fill, type Catalogue, type CatalogueDefinition, type CatalogueTexts, type Texts, type Vars } from './catalogue.js';
export { fallbacks, LANGUAGE_NAMES, LOCALE_TAGS, localized, otherLanguage, pickLanguage } from './languages.js';
export { formatDateTime, roundMinutes } from './format.js';
export { ANNOUNCEMENT_LANGUAGES, announcementLanguages, announcementText, type AnnouncementLanguage, type AnnouncementPart } from './announcement.js';
export { CITIZEN, errorText, issuingText, type CitizenKey } from './citizen/index.js';
export { COUNTER, type CounterKey } from './counter.js';
export { DISPLAY, type DisplayKey } from './display.js';
export { MANAGER, type ManagerKey } from './manager/index.js';
export { SLIP, type SlipKey } from './slip.js';
export { TURN_ALERTS, type TurnAlertKey } from './turn-alerts.js';
export { STATUS, type StatusKey } from './status.js';
export { BOOKING, type BookingKey } from './booking.js';
export { PLAIN, type PlainKey } from './plain.js';
export type { StaffKey } from './staff.js';
