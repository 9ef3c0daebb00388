/**
 * The staff kit: what the clerk's console (counter/) and the floor manager's page (manager/) share.
 * `StaffApp` is a staff page's frame — its language, the session (sign-in.tsx, the roles it is
 * for), the choice of the site (site-choice.tsx) — and gives the page its wording through
 * `StaffKit`; `Header` is the bar at the top; `StaffLive` the live view of a site that each page
 * extends; `catalogue` the catalogue helper. The stylesheet both pages build on is staff.css
 * beside this file (imported first by their styles.css, not from here: the other pages import
 * this package too).
 */
export { catalogue, duration, LOCALE, named, PAUSE_REASONS, type Catalogue, type Lang, type Params, type StaffKey } from './catalogue';
export { Connecting } from './connecting';
export { Header, keepFocus } from './header';
export { useCatalogue } from './language';
export { useQueueCatalogue, useSiteLive } from './session';
export { StaffApp, type SiteSession } from './staff-app';
export { StaffLive, type StaffLiveState, type TicketEvent } from './staff-live';
