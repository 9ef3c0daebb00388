/**
 * The staff kit: what the clerk's console (counter/) and the floor manager's page (manager/) share.
 * `StaffApp` is a staff page's frame — its language, the session (sign-in.tsx, the roles it is
 * for), the choice of the site (site-choice.tsx) — and gives the page its wording through
 * `StaffKit`; `Header` is the bar at the top; `StaffLive` the live view of a site that each page
 * extends; `staffCatalogue` a page's catalogue (shared/src/i18n) with the staff pages' refusals
 * and pause reasons. The stylesheet both pages build on is staff.css beside this file (imported
 * first by their styles.css, not from here: the other pages import this package too).
 */
export { duration, named, PAUSE_REASONS, staffCatalogue, type StaffCatalogue } from './catalogue';
export { Connecting } from './connecting';
export { Header, keepFocus } from './header';
export { useQueueCatalogue, useSiteLive } from './session';
export { StaffApp, type SiteSession } from './staff-app';
export { StaffLive, type StaffLiveState, type TicketEvent } from './staff-live';
