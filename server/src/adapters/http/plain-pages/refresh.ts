import type { Language } from '@madoguchi/shared';
import { escapeHtml } from './html.js';
import { textsIn } from './language.js';

/**
 * How often a plain page reloads itself. 30 s: the scripted status page re-reads the status as
 * often when its socket is down; a call reaches the phone within 30 s, while a called ticket
 * stays called for minutes (the clerk recalls it `recallsBeforeNoShow` times before a no-show);
 * and a feature phone downloads the whole page (about 3 KB) each time, so a citizen waiting an
 * hour costs 120 small requests, not a battery and a data plan.
 */
export const PLAIN_REFRESH_SECONDS = 30;

/**
 * Whether a plain page reloads itself. A page that reloads under a screen reader's or a slow
 * reader's eyes is a time limit (WCAG 2.2.1), so the visitor can turn it off: `?refresh=off`.
 */
export type Refresh = 'on' | 'off';

/** `refresh` for a page's links: left out while on (the default), so the usual address stays short. */
export const refreshParam = (refresh: Refresh): string | undefined => (refresh === 'off' ? 'off' : undefined);

/** What a page says about its reloading, with the link that turns it off or on again. */
export function refreshControls(lang: Language, refresh: Refresh, hrefOf: (r: Refresh) => string): string {
  const { p } = textsIn(lang);
  return refresh === 'on'
    ? `<p>${p('plain.refresh', { seconds: PLAIN_REFRESH_SECONDS })} <a href="${escapeHtml(hrefOf('off'))}">${p('plain.stop')}</a></p>`
    : `<p>${p('plain.stopped')} <a href="${escapeHtml(hrefOf('on'))}">${p('plain.resume', { seconds: PLAIN_REFRESH_SECONDS })}</a></p>`;
}

/** A rendered plain page and how often it should reload itself (the route sends it as the `Refresh` header), if at all. */
export interface PlainPage {
  html: string;
  refreshSeconds: number | null;
}
